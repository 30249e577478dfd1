using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using Toki.Server.Identity;

namespace Toki.Server.Tests.Identity;

[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class JwtOptionsValidatorTests
{
    private const string Secret32 = "0123456789abcdef0123456789abcdef";
    private const string InsecureInProduction = "Auth:AllowInsecureUserId is allowed only in the Development environment (this is 'Production').";
    private const string SecretRequired = "Auth:JwtSecret is required in the Production environment.";
    private const string NoWayToAuthenticate =
        "Auth:JwtSecret is empty and Auth:AllowInsecureUserId is false: there is no way to authenticate.";
    private const string NegativeSkew = "Auth:ClockSkew must not be negative.";
    private const string BadClaims = "Auth:UserIdClaims must name at least one claim and no blank ones.";

    private static string InsecureOutsideDevelopment(string environment) =>
        $"Auth:AllowInsecureUserId is allowed only in the Development environment (this is '{environment}').";

    private static string ShortSecretWarning(int bytes) =>
        $"Auth:JwtSecret is only {bytes} bytes; HS256 secrets should be at least 32 bytes.";

    private static string InsecureWarning(string environment) =>
        $"Auth:AllowInsecureUserId is on: clients may connect as any auth.userId without a token ({environment} only).";

    private static IEnumerable<TestCaseData> Table()
    {
        static TestCaseData Row(string environment, JwtOptions options, string[] errors, string[] warnings, string name) =>
            new TestCaseData(environment, options, errors, warnings).SetName($"{environment}: {name}");

        string[] none = [];
        yield return Row("Production", new() { JwtSecret = Secret32 }, none, none, "secret, secure");
        yield return Row("Production", new() { JwtSecret = Secret32, AllowInsecureUserId = true },
            [InsecureInProduction], none, "secret, insecure ids");
        yield return Row("Production", new() { JwtSecret = "" }, [SecretRequired], none, "no secret");
        yield return Row("Production", new() { JwtSecret = "", AllowInsecureUserId = true },
            [InsecureInProduction, SecretRequired], none, "no secret, insecure ids");
        yield return Row("production", new() { JwtSecret = Secret32, AllowInsecureUserId = true },
            [InsecureOutsideDevelopment("production")], none, "environment name compared case-insensitively");
        yield return Row("Production", new() { JwtSecret = "short" }, none, [ShortSecretWarning(5)], "short secret");
        yield return Row("Development", new() { JwtSecret = Secret32 }, none, none, "secret, secure");
        yield return Row("Development", new() { JwtSecret = "", AllowInsecureUserId = true },
            none, [InsecureWarning("Development")], "no secret, insecure ids");
        yield return Row("Development", new() { JwtSecret = Secret32, AllowInsecureUserId = true },
            none, [InsecureWarning("Development")], "secret and insecure ids");
        yield return Row("Development", new() { JwtSecret = "" }, [NoWayToAuthenticate], none, "no secret, secure");
        yield return Row("Staging", new() { JwtSecret = "" }, [NoWayToAuthenticate], none, "no secret, secure");
        yield return Row("Staging", new() { JwtSecret = "", AllowInsecureUserId = true },
            [InsecureOutsideDevelopment("Staging")], none, "no secret, insecure ids");
        yield return Row("Staging", new() { JwtSecret = Secret32, AllowInsecureUserId = true },
            [InsecureOutsideDevelopment("Staging")], none, "secret, insecure ids");
        yield return Row("", new() { JwtSecret = Secret32, AllowInsecureUserId = true },
            [InsecureOutsideDevelopment("")], none, "insecure ids with an empty environment name");
        yield return Row("Testing", new() { JwtSecret = Secret32, AllowInsecureUserId = true },
            [InsecureOutsideDevelopment("Testing")], none, "insecure ids in a custom environment");
        yield return Row("Develop", new() { JwtSecret = Secret32, AllowInsecureUserId = true },
            [InsecureOutsideDevelopment("Develop")], none, "insecure ids in a misspelt environment");
        yield return Row("development", new() { JwtSecret = Secret32, AllowInsecureUserId = true },
            none, [InsecureWarning("development")], "Development compared case-insensitively");
        yield return Row("Development", new() { JwtSecret = Secret32[..31] }, none, [ShortSecretWarning(31)],
            "31-byte secret");
        yield return Row("Development", new() { JwtSecret = new string('é', 16) }, none, none,
            "16 two-byte characters make 32 bytes");
        yield return Row("Development", new() { JwtSecret = new string('é', 15) }, none, [ShortSecretWarning(30)],
            "15 two-byte characters make 30 bytes");
        yield return Row("Development", new() { JwtSecret = Secret32, ClockSkew = TimeSpan.FromSeconds(-1) },
            [NegativeSkew], none, "negative skew");
        yield return Row("Development", new() { JwtSecret = Secret32, ClockSkew = TimeSpan.Zero }, none, none,
            "zero skew");
        yield return Row("Development", new() { JwtSecret = Secret32, UserIdClaims = [] }, [BadClaims], none,
            "empty claim list");
        yield return Row("Development", new() { JwtSecret = Secret32, UserIdClaims = ["sub", " "] }, [BadClaims], none,
            "blank claim name");
        yield return Row("Development", new() { JwtSecret = Secret32, UserIdClaims = ["uid"] }, none, none,
            "custom claim list");
        yield return Row("Development", new() { JwtSecret = "", ClockSkew = TimeSpan.FromSeconds(-1) },
            [NoWayToAuthenticate, NegativeSkew], none, "errors are all reported");
    }

    [TestCaseSource(nameof(Table))]
    public void Validates(string environment, JwtOptions options, string[] errors, string[] warnings)
    {
        var logger = new FakeLogger<JwtOptionsValidator>();
        var validator = new JwtOptionsValidator(new HostingEnvironment { EnvironmentName = environment }, logger);

        var result = validator.Validate(Options.DefaultName, options);

        Assert.That(result.Failures ?? [], Is.EqualTo(errors));
        Assert.That(result.Succeeded, Is.EqualTo(errors.Length == 0));
        var entries = logger.Collector.GetSnapshot();
        Assert.That(entries.Select(e => e.Message), Is.EqualTo(warnings));
        Assert.That(entries.Select(e => e.Level), Is.All.EqualTo(LogLevel.Warning));
    }

    [Test]
    public void Production_host_with_insecure_user_ids_fails_to_start()
    {
        using var host = BuildHost("Production", new()
        {
            ["Auth:JwtSecret"] = Secret32,
            ["Auth:AllowInsecureUserId"] = "true",
        });

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(failure!.Failures, Is.EqualTo(new[] { InsecureInProduction }));
    }

    [TestCase("Staging")]
    [TestCase("")]
    public void A_host_outside_Development_with_insecure_user_ids_fails_to_start(string environment)
    {
        using var host = BuildHost(environment, new()
        {
            ["Auth:JwtSecret"] = Secret32,
            ["Auth:AllowInsecureUserId"] = "true",
        });

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(failure!.Failures, Is.EqualTo(new[] { InsecureOutsideDevelopment(environment) }));
    }

    [Test]
    public void Development_host_without_any_way_to_authenticate_fails_to_start()
    {
        using var host = BuildHost("Development", new());

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(failure!.Failures, Is.EqualTo(new[] { NoWayToAuthenticate }));
    }

    [Test]
    public async Task Configured_section_binds_and_replaces_the_default_claim_list()
    {
        using var host = BuildHost("Production", new()
        {
            ["Auth:JwtSecret"] = Secret32,
            ["Auth:UserIdClaims:0"] = "uid",
            ["Auth:ClockSkew"] = "00:02:00",
            ["Auth:Issuer"] = "backend",
        });
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<JwtOptions>>().Value;
        Assert.That(options.UserIdClaims, Is.EqualTo(new[] { "uid" }));
        Assert.That(options.ClockSkew, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(options.Issuer, Is.EqualTo("backend"));
        Assert.That(options.RequireExpiration, Is.False);
        await host.StopAsync();
    }

    private static IHost BuildHost(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddJwtValidation(builder.Configuration);
        return builder.Build();
    }
}
