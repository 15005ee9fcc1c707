#ifndef IGNITABULL_CCURL_SHIM_H
#define IGNITABULL_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt is variadic, which Swift cannot call. These typed shims cover the
// three argument kinds libcurl accepts.
static inline CURLcode ignitabull_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ignitabull_curl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ignitabull_curl_setopt_write(CURL *h, CURLoption o,
    size_t (*f)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, o, f); }
#endif
