/*
 * names.c - prints every value 0..255 that the bundled schemas name, one
 * line per registry and value: "REGISTRY VALUE NAME" (tests/enums/run.sh
 * compares the values with tshark's).
 */
#include <stdio.h>

#include "dhcp.zc.h"
#include "icmpv4.zc.h"
#include "icmpv6.zc.h"

#define DUMP(reg, fn)                                                     \
    for (v = 0; v < 256; v++) {                                           \
        const char *n = fn(v);                                            \
        if (n)                                                            \
            printf("%s %d %s\n", reg, v, n);                              \
    }

int main(void)
{
    int v;
    DUMP("icmp.type", icmp_type_name)
    DUMP("icmp.code.3", icmp_unreach_code_name)
    DUMP("icmp.code.5", icmp_redirect_code_name)
    DUMP("icmp.code.9", icmp_router_advert_code_name)
    DUMP("icmp.code.11", icmp_time_exceeded_code_name)
    DUMP("icmp.code.12", icmp_param_problem_code_name)
    DUMP("icmp.code.43", icmp_ext_echo_reply_code_name)
    DUMP("icmpv6.type", icmp6_type_name)
    DUMP("icmpv6.code.1", icmp6_unreach_code_name)
    DUMP("icmpv6.code.3", icmp6_time_exceeded_code_name)
    DUMP("icmpv6.code.4", icmp6_param_problem_code_name)
    DUMP("icmpv6.code.139", icmp6_node_info_query_code_name)
    DUMP("icmpv6.code.140", icmp6_node_info_reply_code_name)
    DUMP("dhcp.option", dhcp_code_name)
    DUMP("ip.dscp", ip_dscp_name)
    DUMP("ip.ecn", ip_ecn_name)
    return 0;
}
