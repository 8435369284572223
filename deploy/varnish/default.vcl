# Front cache of the portal (docs/caching.md, "Front cache"). Varnish 7, VCL 4.1.
#
# The backend (gunicorn) is declared in backend.vcl, which scripts/frontcache.sh writes
# beside a copy of this file; in a deployment keep your own backend.vcl next to it.
#
# What is stored: only a response the portal marked `Cache-Control: public` (anonymous,
# unrestricted pages: caching/headers.py) that sets no cookie, to a GET or HEAD request that
# carries no Authorization header and no cookie but the CSRF one. A request with a session
# (a member, a page password entered, a message waiting) always goes to the portal; a
# response marked private or no-store is never stored.
#
# Invalidation: Wagtail's frontend cache (HTTP backend) sends PURGE <path>; accepted from
# 127.0.0.1 only. A purge drops every stored copy of that path, whatever its query string
# (a listing's pages, a search's terms) and host; PURGE /?purge=all drops everything.
vcl 4.1;

include "backend.vcl";

acl purgers {
    "127.0.0.1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE not allowed"));
        }
        if (req.url ~ "\?purge=all$") {
            ban("obj.http.X-Purge-Path ~ ^/");
        } else {
            ban("obj.http.X-Purge-Path == " + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie) {
        # Only the CSRF cookie is neutral; any other cookie (above all the session) is personal.
        set req.http.X-Other-Cookies = regsuball(req.http.Cookie, "(^|;)\s*csrftoken=[^;]*", "");
        if (req.http.X-Other-Cookies ~ "[^;\s]") {
            unset req.http.X-Other-Cookies;
            return (pass);
        }
        unset req.http.X-Other-Cookies;
        unset req.http.Cookie;
    }
    # The site has one language (zh-hans): one stored copy, whatever the browser prefers.
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_backend_response {
    # The path without its query string: what a purge names.
    set beresp.http.X-Purge-Path = regsub(bereq.url, "\?.*$", "");
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(?i)\bpublic\b"
        || beresp.http.Cache-Control ~ "(?i)\b(private|no-store|no-cache)\b") {
        # Never stored; the next request for it goes straight to the portal.
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # A purge, not the clock, ends a stored copy's life; never serve a stale one.
    set beresp.grace = 0s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Purge-Path;
    if (obj.uncacheable) {
        set resp.http.X-Front-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
