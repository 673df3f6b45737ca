using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Saas.Platform.Errors;

namespace Saas.Host.Tests.Errors;

/// <summary>
/// The host with its logs captured, and two requests that fail on the server: one with an unexpected exception,
/// one with a 503 problem (what a module would throw when something it needs is down).
/// </summary>
public sealed class ProblemLoggingFixture : TwoTenantsFixture
{
    public CapturedLogs Logs { get; } = new();

    /// <summary>Its own host: the captured logs must be this class's requests only, and the failing requests exist only here.</summary>
    protected override bool OwnHost => true;

    protected override SaasAppFactory CreateApp(TestDatabase database, IDictionary<string, string?> settings) => new LoggingAppFactory(database, settings, Logs);

    private sealed class LoggingAppFactory(TestDatabase database, IDictionary<string, string?> settings, CapturedLogs logs) : SaasAppFactory(database, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                logs.AttachTo(services);
                services.AddTransient<IStartupFilter, FailingRequests>();
            });
        }
    }

    /// <summary>At the end of the pipeline, behind the platform's error handling, as a module endpoint would be.</summary>
    private sealed class FailingRequests : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path.StartsWithSegments("/test-failures/unexpected", out var marker))
                {
                    throw new InvalidOperationException("Something broke " + marker.Value!.Trim('/'));
                }

                if (context.Request.Path.StartsWithSegments("/test-failures/unavailable", out marker))
                {
                    throw new SaasProblemException(StatusCodes.Status503ServiceUnavailable, "unavailable",
                        Problem.Title("unavailable"), marker.Value!.Trim('/'));
                }

                await nextMiddleware(context);
            });
        };
    }
}

/// <summary>
/// Expected client errors (a 4xx problem) are answers, not faults: one line at Information with the problem type
/// and its detail, no error and no stack trace. Server errors, and anything unexpected, stay errors. The answers
/// themselves do not change.
/// </summary>
public sealed class ProblemLoggingTests(ProblemLoggingFixture fixture) : IClassFixture<ProblemLoggingFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A404Problem_IsLoggedOnceAtInformation_WithItsTypeAndDetail_AndNeverAsAnError()
    {
        var token = fixture.TokenFor(fixture.A.Key, $"cw-{fixture.A.Key}");
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var missing = Guid.NewGuid();

        var response = await client.GetAsync($"/t/{fixture.A.Key}/api/cases/files/{missing}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("https://saas.example/problems/case-file-not-found");
        problem.GetProperty("title").GetString().ShouldBe("Diese Akte gibt es bei dieser Behörde nicht.");
        problem.GetProperty("status").GetInt32().ShouldBe(404);
        problem.GetProperty("detail").GetString().ShouldBe(missing.ToString());
        problem.GetProperty("instance").GetString().ShouldBe($"/t/{fixture.A.Key}/api/cases/files/{missing}");
        problem.GetProperty("code").GetString().ShouldBe("case-file-not-found");
        problem.TryGetProperty("traceId", out _).ShouldBeTrue();

        var about = fixture.Logs.Entries.Where(e => e.Message.Contains(missing.ToString(), StringComparison.Ordinal)
                                                    || (e.Exception as SaasProblemException)?.Detail == missing.ToString()).ToList();
        about.Where(e => e.Level >= LogLevel.Warning).ShouldBeEmpty();
        about.Where(e => e.Exception is not null).ShouldBeEmpty();
        var line = about.Where(e => e.Category == "Saas.Problems").ShouldHaveSingleItem();
        line.Level.ShouldBe(LogLevel.Information);
        line.Exception.ShouldBeNull("no stack trace for an expected answer");
        line.Message.ShouldContain("https://saas.example/problems/case-file-not-found");
        line.Message.ShouldContain("404");
        line.Message.ShouldContain($"/t/{fixture.A.Key}/api/cases/files/{missing}");
    }

    [Fact]
    public async Task AnUnexpectedException_IsLoggedOnceAsAnError_WithItsStackTrace_AndAnswersWithoutIt()
    {
        var marker = Guid.NewGuid().ToString("N");
        var response = await fixture.App.CreateClient().GetAsync($"/test-failures/unexpected/{marker}");
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("Something broke");
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().ShouldBe("internal");

        // Once, not once by the middleware and again by our handler.
        var error = fixture.Logs.Entries.Where(e => e.Exception?.Message.Contains(marker, StringComparison.Ordinal) == true).ShouldHaveSingleItem();
        error.Level.ShouldBe(LogLevel.Error);
        error.Exception.ShouldBeOfType<InvalidOperationException>().StackTrace.ShouldNotBeNull();
    }

    [Fact]
    public async Task A5xxProblem_StaysAnError()
    {
        var marker = Guid.NewGuid().ToString("N");
        var response = await fixture.App.CreateClient().GetAsync($"/test-failures/unavailable/{marker}");
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("unavailable");
        problem.GetProperty("detail").GetString().ShouldBe(marker);

        fixture.Logs.Entries.Where(e => e.Level == LogLevel.Error && e.Exception is SaasProblemException { Detail: var detail } && detail == marker).ShouldNotBeEmpty();
        fixture.Logs.Entries.ShouldNotContain(e => e.Category == "Saas.Problems" && e.Message.Contains(marker, StringComparison.Ordinal));
    }
}
