/* WP proves the generated functions that carry contracts (zerocast
   --acsl): including the header is enough, every function is static.
   tests/prove/run.sh passes -include of the schema's header. */
