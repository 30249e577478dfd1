using NUnit.Framework;

namespace Toki.Server.Tests.EngineIO;

/// <summary>The header fields of an upgrade head: those the decision needs, their forms, and malformed field lines.</summary>
public sealed partial class WebSocketUpgradeRequestReaderTests
{
    private static IEnumerable<TestCaseData> HeaderFields()
    {
        // Names, Upgrade and Connection.
        yield return Case("field names in any case", Request($"GET {Target} HTTP/1.1", "HOST: localhost:3000", "connection: upgrade",
            "UPGRADE: WEBSOCKET", "sec-websocket-version: 13", $"SEC-WEBSOCKET-KEY: {Key}"), Ours());
        yield return Case("Upgrade: WebSocket", HeadReplacing("Upgrade", "Upgrade: WebSocket"), Ours());
        yield return Case("websocket among other upgrades", HeadReplacing("Upgrade", "Upgrade: h2c, websocket"), Ours());
        yield return Case("Connection token list", HeadReplacing("Connection", "Connection: keep-alive, Upgrade"), Ours());
        yield return Case("Connection token list with odd spacing", HeadReplacing("Connection", "Connection: keep-alive ,\tupgrade ,"), Ours());
        yield return Case("Connection in two fields", HeadReplacing("Connection", "Connection: keep-alive", "Connection: Upgrade"), Ours());
        yield return Case("no Connection", HeadReplacing("Connection"), "NotOurs");
        yield return Case("Connection without upgrade", HeadReplacing("Connection", "Connection: keep-alive"), "NotOurs");
        yield return Case("Connection with a longer token", HeadReplacing("Connection", "Connection: upgrades"), "NotOurs");
        yield return Case("Connection with upgrade inside a token", HeadReplacing("Connection", "Connection: keep-alive upgrade"), "NotOurs");
        yield return Case("no Upgrade", HeadReplacing("Upgrade"), "NotOurs");
        yield return Case("Upgrade to h2c", HeadReplacing("Upgrade", "Upgrade: h2c"), "NotOurs");
        yield return Case("Upgrade with a longer token", HeadReplacing("Upgrade", "Upgrade: websockets"), "NotOurs");

        // Host.
        yield return Case("host name without port", HeadReplacing("Host", "Host: example.com"), Ours(host: "example.com"));
        yield return Case("host name with the largest port", HeadReplacing("Host", "Host: Example.COM:65535"), Ours(host: "Example.COM:65535"));
        yield return Case("host name with underscore", HeadReplacing("Host", "Host: my_host.local"), Ours(host: "my_host.local"));
        yield return Case("IPv4 host", HeadReplacing("Host", "Host: 127.0.0.1:80"), Ours(host: "127.0.0.1:80"));
        yield return Case("IPv6 host with port", HeadReplacing("Host", "Host: [::1]:3000"), Ours(host: "[::1]:3000"));
        yield return Case("IPv6 host without port", HeadReplacing("Host", "Host: [2001:db8::A]"), Ours(host: "[2001:db8::A]"));
        yield return Case("host with surrounding whitespace", HeadReplacing("Host", "Host: \t localhost:3000 \t"), Ours());
        yield return Case("host without a space after the colon", HeadReplacing("Host", "Host:localhost:3000"), Ours());
        yield return Case("no Host", HeadReplacing("Host"), "NotOurs");
        yield return Case("two Host fields", HeadReplacing("Host", "Host: localhost:3000", "Host: localhost:3000"), "NotOurs");
        yield return Case("empty Host", HeadReplacing("Host", "Host:"), "NotOurs");
        yield return Case("host with user info", HeadReplacing("Host", "Host: user@localhost"), "NotOurs");
        yield return Case("host with an empty port", HeadReplacing("Host", "Host: localhost:"), "NotOurs");
        yield return Case("host with a named port", HeadReplacing("Host", "Host: localhost:http"), "NotOurs");
        yield return Case("host with a six-digit port", HeadReplacing("Host", "Host: localhost:123456"), "NotOurs");
        yield return Case("port without host", HeadReplacing("Host", "Host: :3000"), "NotOurs");
        yield return Case("host with two colons", HeadReplacing("Host", "Host: a:1:2"), "NotOurs");
        yield return Case("unclosed IPv6 host", HeadReplacing("Host", "Host: [::1"), "NotOurs");
        yield return Case("empty IPv6 host", HeadReplacing("Host", "Host: []:80"), "NotOurs");
        yield return Case("IPv6 host with a zone", HeadReplacing("Host", "Host: [fe80::1%25eth0]"), "NotOurs");
        yield return Case("IPv6 host followed by junk", HeadReplacing("Host", "Host: [::1]x"), "NotOurs");
        yield return Case("host with a space", HeadReplacing("Host", "Host: local host"), "NotOurs");

        // Origin.
        yield return Case("Origin", Head(Target, "Origin: https://app.example"), Ours(origin: "https://app.example"));
        yield return Case("Origin null", Head(Target, "Origin: null"), Ours(origin: "null"));
        yield return Case("two Origin fields are joined", Head(Target, "Origin: https://a.example", "Origin: https://b.example"),
            Ours(origin: "https://a.example,https://b.example"));

        // Key and version.
        yield return Case("key with surrounding whitespace", HeadReplacing("Sec-WebSocket-Key", $"Sec-WebSocket-Key:   {Key}\t"), Ours());
        yield return Case("another key", HeadReplacing("Sec-WebSocket-Key", "Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA=="),
            Ours(key: "AQIDBAUGBwgJCgsMDQ4PEA=="));
        yield return Case("no key", HeadReplacing("Sec-WebSocket-Key"), "NotOurs");
        yield return Case("two keys", HeadReplacing("Sec-WebSocket-Key", $"Sec-WebSocket-Key: {Key}", $"Sec-WebSocket-Key: {Key}"), "NotOurs");
        yield return Case("empty key", HeadReplacing("Sec-WebSocket-Key", "Sec-WebSocket-Key:"), "NotOurs");
        yield return Case("key of 15 bytes", HeadReplacing("Sec-WebSocket-Key", "Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4P"), "NotOurs");
        yield return Case("key of 17 bytes", HeadReplacing("Sec-WebSocket-Key", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAA="), "NotOurs");
        yield return Case("key that is not base64", HeadReplacing("Sec-WebSocket-Key", "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!=="), "NotOurs");
        yield return Case("no version", HeadReplacing("Sec-WebSocket-Version"), "NotOurs");
        yield return Case("version 8", HeadReplacing("Sec-WebSocket-Version", "Sec-WebSocket-Version: 8"), "NotOurs");
        yield return Case("version list", HeadReplacing("Sec-WebSocket-Version", "Sec-WebSocket-Version: 13, 8"), "NotOurs");
        yield return Case("version with a leading zero", HeadReplacing("Sec-WebSocket-Version", "Sec-WebSocket-Version: 013"), "NotOurs");
        yield return Case("two version fields", HeadReplacing("Sec-WebSocket-Version", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 13"),
            "NotOurs");

        // A body.
        yield return Case("Content-Length 0", Head(Target, "Content-Length: 0"), Ours());
        yield return Case("Content-Length 5", Head(Target, "Content-Length: 5"), "NotOurs");
        yield return Case("Content-Length 0 twice", Head(Target, "Content-Length: 0", "Content-Length: 0"), "NotOurs");
        yield return Case("Content-Length 00", Head(Target, "Content-Length: 00"), "NotOurs");
        yield return Case("Transfer-Encoding chunked", Head(Target, "Transfer-Encoding: chunked"), "NotOurs");
        yield return Case("Transfer-Encoding identity", Head(Target, "Transfer-Encoding: identity"), "NotOurs");
        yield return Case("Transfer-Encoding with Content-Length 0", Head(Target, "Content-Length: 0", "Transfer-Encoding: chunked"), "NotOurs");

        // Field lines.
        yield return Case("empty value", Head(Target, "X-Empty:"), Ours());
        yield return Case("tab inside a value", Head(Target, "X-Tab: a\tb"), Ours());
        yield return Case("every visible ASCII character in a value", Head(Target, "X-All: " + VisibleAscii()), Ours());
        yield return Case("line without a colon", Head(Target, "X-NoColon"), "NotOurs");
        yield return Case("space before the colon", HeadReplacing("Host", "Host : localhost:3000"), "NotOurs");
        yield return Case("folded line", Head(Target, "X-Folded: a", " b"), "NotOurs");
        yield return Case("empty name", Head(Target, ": value"), "NotOurs");
        yield return Case("separator in a name", Head(Target, "X(Y): z"), "NotOurs");
        yield return Case("control byte in a value", Head(Target, "X-Ctl: a\u0001b"), "NotOurs");
        yield return Case("DEL in a value", Head(Target, "X-Del: a\u007fb"), "NotOurs");
        yield return Case("UTF-8 in a value", Head(Target, "Cookie: name=\u00c3\u00a9"), "NotOurs");
        yield return Case("bare CR in a value", Head(Target, "X-CR: a\rb"), "NotOurs");
        yield return Case("bare LF between fields", Head(Target, "X-A: a\nX-B: b"), "NotOurs");
        yield return Case("NUL in a name", Head(Target, "X-\u0000: a"), "NotOurs");
    }

    private static string VisibleAscii() => new([.. Enumerable.Range(0x20, 0x7f - 0x20).Select(code => (char)code)]);
}
