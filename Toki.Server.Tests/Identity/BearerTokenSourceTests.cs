using System.Text.Json;
using NUnit.Framework;
using Toki.Server.Identity;

namespace Toki.Server.Tests.Identity;

[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class BearerTokenSourceTests
{
    /// <summary>Stands for a JsonElement of kind Undefined (what default(JsonElement) is).</summary>
    private const string Undefined = "<undefined>";

    // auth.token wins, then the query, then the header; a source without a usable string is skipped.
    [TestCase("""{"token":"A"}""", "Q", "Bearer H", "A")]
    [TestCase("""{"token":"A","userId":"u"}""", null, null, "A")]
    [TestCase("""{"token":"Bearer A"}""", null, null, "Bearer A")]
    [TestCase("""{"token":" A "}""", null, null, " A ")]
    [TestCase("""{"token":""}""", "Q", "Bearer H", "Q")]
    [TestCase("""{"token":"  "}""", "Q", "Bearer H", "Q")]
    [TestCase("""{"token":null}""", "Q", "Bearer H", "Q")]
    [TestCase("""{"token":5}""", "Q", "Bearer H", "Q")]
    [TestCase("""{"token":{"value":"A"}}""", "Q", "Bearer H", "Q")]
    [TestCase("""{"token":"\uD800"}""", "Q", "Bearer H", "Q")]
    [TestCase("""{"Token":"A"}""", "Q", "Bearer H", "Q")]
    [TestCase("{}", "Q", "Bearer H", "Q")]
    [TestCase("""["A"]""", "Q", "Bearer H", "Q")]
    [TestCase("\"A\"", "Q", "Bearer H", "Q")]
    [TestCase("null", "Q", "Bearer H", "Q")]
    [TestCase(Undefined, "Q", "Bearer H", "Q")]
    [TestCase(null, "Q", "Bearer H", "Q")]
    [TestCase(null, "", "Bearer H", "H")]
    [TestCase(null, " ", "Bearer H", "H")]
    [TestCase(null, null, "Bearer H", "H")]
    [TestCase(null, null, "bearer H", "H")]
    [TestCase(null, null, "BEARER H", "H")]
    [TestCase(null, null, "Bearer   H", "H")]
    [TestCase(null, null, " \tBearer H \t", "H")]
    [TestCase(null, null, "Bearer a.b.c", "a.b.c")]
    [TestCase(null, null, "Bearer\tH", null)]
    [TestCase(null, null, "Bearer", null)]
    [TestCase(null, null, "Bearer ", null)]
    [TestCase(null, null, "Bearer   ", null)]
    [TestCase(null, null, "BearerH", null)]
    [TestCase(null, null, "Basic dXNlcjpwYXNz", null)]
    [TestCase(null, null, "H", null)]
    [TestCase(null, null, "", null)]
    [TestCase(null, null, null, null)]
    [TestCase("{}", "", "", null)]
    public void Extracts(string? authJson, string? queryToken, string? authorizationHeader, string? expected)
    {
        using var document = authJson is null or Undefined ? null : JsonDocument.Parse(authJson);
        JsonElement? auth = authJson == Undefined ? default(JsonElement) : document?.RootElement;

        Assert.That(BearerTokenSource.Extract(auth, queryToken, authorizationHeader), Is.EqualTo(expected));
        Assert.That(BearerTokenSource.Extract(auth, (queryToken, authorizationHeader), static s => s.queryToken, static s => s.authorizationHeader),
            Is.EqualTo(expected), "the lazy overload agrees");
    }

    // auth.token found: neither the query nor the header is looked up; query token found: the header is not.
    [TestCase("""{"token":"A"}""", "Q", "A", new string[0])]
    [TestCase("{}", "Q", "Q", new[] { "query" })]
    [TestCase("{}", null, "H", new[] { "query", "header" })]
    public void LooksUpTheQueryAndHeaderOnlyWhenNeeded(string authJson, string? queryToken, string expected, string[] lookedUp)
    {
        using var document = JsonDocument.Parse(authJson);
        var lookups = new List<string>();

        var token = BearerTokenSource.Extract(document.RootElement, lookups,
            l => { l.Add("query"); return queryToken; },
            l => { l.Add("header"); return "Bearer H"; });

        Assert.That(token, Is.EqualTo(expected));
        Assert.That(lookups, Is.EqualTo(lookedUp));
    }
}
