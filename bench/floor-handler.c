/* The physical floor for one request: a static C program that reads an HTTP request from stdin
 * (the head, then Content-Length bytes of body) and writes a fixed response of the same size as
 * atm-handler's balance answer. Whatever it costs, no handler can cost less. */
#define _GNU_SOURCE
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>

static const char response[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 45\r\n"
    "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
    "{\"account_number\":\"1001\",\"balance\":\"1000.00\"}";

int main(void) {
    char buffer[16384];
    size_t have = 0;
    char *end = NULL;
    while (have < sizeof buffer - 1) {
        ssize_t got = read(0, buffer + have, sizeof buffer - 1 - have);
        if (got <= 0) break;
        have += (size_t)got;
        buffer[have] = 0;
        if ((end = strstr(buffer, "\r\n\r\n")) != NULL) {
            char *length = strcasestr(buffer, "\r\nContent-Length:");
            size_t body = length && length < end ? strtoul(length + 17, NULL, 10) : 0;
            size_t total = (size_t)(end + 4 - buffer) + body;
            if (have >= total || total >= sizeof buffer) break;
        }
    }
    size_t off = 0;
    while (off < sizeof response - 1) {
        ssize_t put = write(1, response + off, sizeof response - 1 - off);
        if (put <= 0) break;
        off += (size_t)put;
    }
    shutdown(1, SHUT_WR);
    return 0;
}
