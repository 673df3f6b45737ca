using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Modules;

namespace Saas.Host.Tests.Tenancy;

/// <summary>
/// Every module endpoint that exists, called across authorities: B's people and B's host never read or change
/// A's records, and A's token is refused on B's path and host. The list of endpoints is read from the running
/// host, so a new endpoint is covered without touching this test.
/// </summary>
public sealed class CrossTenantMatrixTests(TenantsWithDataFixture fixture) : IClassFixture<TenantsWithDataFixture>
{
    private IReadOnlyList<(string Method, string Path)> ModuleEndpoints()
    {
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ModuleEndpointMetadata>() is not null)
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(5);
        var list = new List<(string, string)>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "kind" } => "location",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => TenantsWithDataFixture.LocationKey,
                _ => "",
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                list.Add((method, path + "?unit=30.20&surname=Yilmaz&year=2026&from=1&to=2"));
            }
        }

        return list;
    }

    [Fact]
    public async Task TokenOfA_IsRefusedOnEveryEndpointOfB_ByPathAndByHost()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "admin-" + fixture.A.Key, "pw-admin");
        foreach (var (method, path) in ModuleEndpoints())
        {
            var byPath = await SendAsync(method, $"/t/{fixture.B.Key}{path}", token, null);
            byPath.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path} on B's path");
            var byHost = await SendAsync(method, path, token, fixture.B.Hosts[0]);
            byHost.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path} on B's host");
        }
    }

    [Fact]
    public async Task BsAdminAndAnonymousCallers_NeverSeeAnythingOfA_OnAnyEndpointOfB()
    {
        var tokenB = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.B.Key, "admin-" + fixture.B.Key, "pw-admin");
        foreach (var (method, path) in ModuleEndpoints())
        {
            foreach (var token in new[] { tokenB, null })
            {
                var response = await SendAsync(method, $"/t/{fixture.B.Key}{path}", token, null);
                var body = await response.Content.ReadAsStringAsync();
                body.ShouldNotContain(fixture.MarkerA, Case.Sensitive, $"{method} {path} as {(token is null ? "anonymous" : "B's admin")}");
                ((int)response.StatusCode).ShouldBeLessThan(500, $"{method} {path}: {body}");
            }
        }
    }

    [Fact]
    public async Task BsAdmin_SavingAndPublishingADocumentWithAsKey_ChangesOnlyB()
    {
        var tokenB = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.B.Key, "admin-" + fixture.B.Key, "pw-admin");
        var saved = await SendAsync("PUT", $"/t/{fixture.B.Key}/api/organization/admin/documents", tokenB, null,
            TenantsWithDataFixture.LocationYaml(fixture.MarkerB + "-neu"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await SendAsync("POST", $"/t/{fixture.B.Key}/api/organization/admin/publish", tokenB, null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var a = await (await SendAsync("GET", $"/t/{fixture.A.Key}/api/organization/locations/{TenantsWithDataFixture.LocationKey}", null, null)).Content.ReadAsStringAsync();
        a.ShouldContain(fixture.MarkerA);
        a.ShouldNotContain(fixture.MarkerB);
        var b = await (await SendAsync("GET", $"/t/{fixture.B.Key}/api/organization/locations/{TenantsWithDataFixture.LocationKey}", null, null)).Content.ReadAsStringAsync();
        b.ShouldContain(fixture.MarkerB + "-neu");

        var diff = await (await SendAsync("GET", $"/t/{fixture.B.Key}/api/organization/admin/documents/location/{TenantsWithDataFixture.LocationKey}/diff?from=1&to=2", tokenB, null)).Content.ReadAsStringAsync();
        diff.ShouldContain($"-  name: Hauptstelle {fixture.MarkerB}");
        diff.ShouldContain($"+  name: Hauptstelle {fixture.MarkerB}-neu");
    }

    [Fact]
    public async Task InvalidDocument_IsRefusedWithLocatedProblemDetails()
    {
        var tokenA = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "admin-" + fixture.A.Key, "pw-admin");
        var response = await SendAsync("PUT", $"/t/{fixture.A.Key}/api/organization/admin/documents", tokenA, null,
            TenantsWithDataFixture.LocationYaml("x").Replace("08:00-12:00", "12:00-08:00", StringComparison.Ordinal));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("invalid-configuration");
        body.ShouldContain("$.spec.openingHours.monday[0]");
    }

    [Fact]
    public async Task CaseworkerOfA_IsNotAnAdmin()
    {
        var token = await TestSignIn.GetAccessTokenAsync(fixture.App, fixture.A.Key, "cw-" + fixture.A.Key, "pw-cw");
        (await SendAsync("POST", $"/t/{fixture.A.Key}/api/organization/admin/publish", token, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var responsible = await SendAsync("GET", $"/t/{fixture.A.Key}/api/organization/responsible?unit=30.20&surname=Öztürk", token, null);
        (await responsible.Content.ReadAsStringAsync()).ShouldContain("cw-" + fixture.A.Key);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string url, string? token, string? host, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (method is "PUT" or "POST")
        {
            request.Content = new StringContent(body ?? "", Encoding.UTF8, "application/yaml");
        }

        return await fixture.App.CreateClient().SendAsync(request);
    }
}
