" ftdetect/zerocast.vim - zerocast schemas (*.zc).
autocmd BufRead,BufNewFile *.zc setfiletype zerocast
