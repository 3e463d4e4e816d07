/* tests/cross/include/pcap.h - see pcap/pcap.h */
#include <pcap/pcap.h>
