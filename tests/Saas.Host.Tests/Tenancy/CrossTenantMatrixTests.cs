using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Identity;
using Saas.Platform.Modules;

namespace Saas.Host.Tests.Tenancy;

/// <summary>
/// Every module endpoint that exists (read from the running host, so a new endpoint is covered without touching
/// this test), called with authority A's real ids from every module's samples (<see cref="IModuleSamples"/>):
/// A's own admin reaches each of them, B's people, B's host and anonymous callers never see A's marker and never
/// change A's rows, nothing answers 5xx, and A's token is refused on B's path and host (docs/adr/0013).
/// </summary>
public sealed class CrossTenantMatrixTests(TenantsWithDataFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TenantsWithDataFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.FreshAuthoritiesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Neutral = "matrix-probe";

    [Fact]
    public void EveryModuleOfTheHost_BringsSamples_AndEveryRouteParameter_HasAValue()
    {
        fixture.ModulesWithSamples.Order(StringComparer.Ordinal).ShouldBe(HostModules.All.Select(m => m.Name).Order(StringComparer.Ordinal),
            "every module of the host makes sample records for the matrix (IModuleSamples)");
        var missing = Routes().SelectMany(r => r.Missing.Select(p => $"{r.Method} {r.Template}: {{{p}}}")).ToList();
        missing.ShouldBeEmpty("route parameters no module's samples provide: " + string.Join(", ", missing));
        Routes().Count.ShouldBeGreaterThan(40);
    }

    [Fact]
    public async Task EveryGet_WithAsIds_ReachesItsEndpoint_ForAsAdmin()
    {
        var token = fixture.TokenFor(fixture.A.Key, "admin-" + fixture.A.Key);
        var applicant = SampleApplicantToken();
        var failures = new List<string>();
        var withMarker = 0;
        var gets = Routes().Where(r => r.Method == "GET").ToList();
        foreach (var route in gets)
        {
            using var response = await SendAsync(route, $"/t/{fixture.A.Key}", null, route.ForApplicants ? applicant : token, fixture.MarkerA);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{route.Method} {route.Path(fixture.ValuesA)} → {(int)response.StatusCode} {Shorten(body)}");
            }

            withMarker += body.Contains(fixture.MarkerA, StringComparison.Ordinal) ? 1 : 0;
        }

        output.WriteLine($"{gets.Count} GETs reached with A's ids, {withMarker} of them show A's marker");
        failures.ShouldBeEmpty("A's own admin must reach every GET with A's ids:\n" + string.Join("\n", failures));
        // The ids point at records that carry the marker: most answers show it (binary downloads and status answers need not).
        withMarker.ShouldBeGreaterThan(gets.Count / 2, $"{withMarker} of {gets.Count} answers show A's marker");
    }

    [Fact]
    public async Task TokenOfA_IsRefusedOnEveryEndpointOfB_ByPathAndByHost()
    {
        var token = fixture.TokenFor(fixture.A.Key, "admin-" + fixture.A.Key);
        var failures = new List<string>();
        foreach (var route in Routes())
        {
            using var byPath = await SendAsync(route, $"/t/{fixture.B.Key}", null, token, fixture.MarkerA);
            using var byHost = await SendAsync(route, "", fixture.B.Hosts[0], token, fixture.MarkerA);
            foreach (var (how, response) in new[] { ("B's path", byPath), ("B's host", byHost) })
            {
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{route.Method} {route.Path(fixture.ValuesA)} on {how} → {(int)response.StatusCode}");
                }
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    [Fact]
    public async Task BsPeopleAndAnonymousCallers_WithAsIds_NeverSeeOrChangeAnythingOfA()
    {
        var before = await TenantRowsAsync(fixture.A.Id);
        before.Values.Sum(v => v.Rows).ShouldBeGreaterThan(20, "A has sample records in every module");
        var callers = new (string Who, string? Token)[]
        {
            ("B's admin", fixture.TokenFor(fixture.B.Key, "admin-" + fixture.B.Key)),
            ("B's caseworker", fixture.TokenFor(fixture.B.Key, "cw-" + fixture.B.Key)),
            // The person A's samples' applicant records belong to, now at B (an applicant turns to any authority).
            ("the samples' applicant at B", SampleApplicantToken()),
            ("anonymous", null),
        };
        var failures = new List<string>();
        foreach (var route in Routes())
        {
            foreach (var (who, token) in callers)
            {
                foreach (var (how, pathBase, host) in new[] { ("B's path", $"/t/{fixture.B.Key}", (string?)null), ("B's host", "", fixture.B.Hosts[0]) })
                {
                    using var response = await SendAsync(route, pathBase, host, token, fixture.MarkerA);
                    var body = await response.Content.ReadAsStringAsync();
                    var what = $"{route.Method} {route.Path(fixture.ValuesA)} as {who} on {how} → {(int)response.StatusCode}";
                    if (who == (route.ForApplicants ? "the samples' applicant at B" : "B's admin") && how == "B's path" && !ReachedHandler(response, body))
                    {
                        // B's admin may call everything: an answer from authentication, the module gate or model binding
                        // means the request never reached the endpoint's code, and the row proves nothing.
                        failures.Add($"{what}: did not reach the endpoint: {Shorten(body)}");
                    }

                    if (body.Contains(fixture.MarkerA, StringComparison.Ordinal))
                    {
                        failures.Add($"{what}: shows A's marker: {Shorten(body)}");
                    }

                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{what}: {Shorten(body)}");
                    }
                }
            }
        }

        var after = await TenantRowsAsync(fixture.A.Id);
        foreach (var (table, state) in before)
        {
            if (after.GetValueOrDefault(table) != state)
            {
                failures.Add($"A's rows in {table} changed: {state} → {after.GetValueOrDefault(table)}");
            }
        }

        output.WriteLine($"{Routes().Count} routes × {callers.Length} callers × 2 ways, {before.Count} tables of A compared");
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    [Fact]
    public async Task BsAdmin_SavingAndPublishingADocumentWithAsKey_ChangesOnlyB()
    {
        var tokenB = fixture.TokenFor(fixture.B.Key, "admin-" + fixture.B.Key);
        var current = JsonDocument.Parse(await (await SendRawAsync("GET", $"/t/{fixture.B.Key}/api/studio/documents/location/{TenantsWithDataFixture.LocationKey}", tokenB, null)).Content.ReadAsStringAsync());
        var basedOn = current.RootElement.GetProperty("version").GetInt32();
        var saved = await SendRawAsync("PUT", $"/t/{fixture.B.Key}/api/studio/documents?basedOn={basedOn}", tokenB, LocationYaml(fixture.MarkerB + "-neu"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var version = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32();
        var publish = $$"""{"drafts":[{"kind":"location","key":"{{TenantsWithDataFixture.LocationKey}}","version":{{version}}}]}""";
        (await SendRawAsync("POST", $"/t/{fixture.B.Key}/api/studio/publish", tokenB, publish, "application/json")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var a = await (await SendRawAsync("GET", $"/t/{fixture.A.Key}/api/organization/locations/{TenantsWithDataFixture.LocationKey}", null, null)).Content.ReadAsStringAsync();
        a.ShouldContain(fixture.MarkerA);
        a.ShouldNotContain(fixture.MarkerB);
        var b = await (await SendRawAsync("GET", $"/t/{fixture.B.Key}/api/organization/locations/{TenantsWithDataFixture.LocationKey}", null, null)).Content.ReadAsStringAsync();
        b.ShouldContain(fixture.MarkerB + "-neu");

        var diff = JsonDocument.Parse(await (await SendRawAsync("GET", $"/t/{fixture.B.Key}/api/studio/documents/location/{TenantsWithDataFixture.LocationKey}/diff?from={basedOn}&to={version}", tokenB, null)).Content.ReadAsStringAsync());
        var unified = diff.RootElement.GetProperty("unified").GetString()!;
        unified.ShouldContain($"-  name: Hauptstelle {fixture.MarkerB}");
        unified.ShouldContain($"+  name: Hauptstelle {fixture.MarkerB}-neu");
    }

    [Fact]
    public async Task InvalidDocument_IsKeptAsADraftWithLocatedErrors_AndRefusedForPublishing()
    {
        var tokenA = fixture.TokenFor(fixture.A.Key, "admin-" + fixture.A.Key);
        var response = await SendRawAsync("PUT", $"/t/{fixture.A.Key}/api/studio/documents", tokenA,
            LocationYaml("x").Replace("08:00-12:00", "12:00-08:00", StringComparison.Ordinal).Replace(TenantsWithDataFixture.LocationKey, "kaputt", StringComparison.Ordinal));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var draft = JsonDocument.Parse(body).RootElement;
        draft.GetProperty("canPublish").GetBoolean().ShouldBeFalse();
        body.ShouldContain("$.spec.openingHours.monday[0]");

        var publish = $$"""{"drafts":[{"kind":"location","key":"kaputt","version":{{draft.GetProperty("version").GetInt32()}}}]}""";
        var refused = await SendRawAsync("POST", $"/t/{fixture.A.Key}/api/studio/publish", tokenA, publish, "application/json");
        var problem = await refused.Content.ReadAsStringAsync();
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, problem);
        problem.ShouldContain("studio-draft-invalid");
        problem.ShouldContain("$.spec.openingHours.monday[0]");
    }

    [Fact]
    public async Task CaseworkerOfA_IsNotAnAdmin()
    {
        var token = fixture.TokenFor(fixture.A.Key, "cw-" + fixture.A.Key);
        (await SendRawAsync("POST", $"/t/{fixture.A.Key}/api/studio/publish", token, """{"drafts":[]}""", "application/json")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var responsible = await SendRawAsync("GET", $"/t/{fixture.A.Key}/api/organization/responsible?unit=30.20&surname=Öztürk", token, null);
        (await responsible.Content.ReadAsStringAsync()).ShouldContain(fixture.MarkerA.ToLowerInvariant());
    }

    private static string LocationYaml(string marker) => $"""
        kind: location
        key: {TenantsWithDataFixture.LocationKey}
        spec:
          name: Hauptstelle {marker}
          address: {"{"} street: Markerweg 1, postalCode: "52062", city: Aachen {"}"}
          openingHours: {"{"} monday: ["08:00-12:00"] {"}"}
          counters: [{"{"} key: s1, name: Schalter 1, kind: front-office {"}"}]
          services: [residence-permit]
        """;

    /// <summary>One method of one module endpoint, with what its request needs.</summary>
    private sealed record Route(string Method, string Template, RoutePattern Pattern, IAcceptsMetadata? Accepts, IReadOnlyList<string> Missing,
        IReadOnlySet<string> RouteParameterNames, bool ForApplicants = false)
    {
        /// <summary>The path with the samples' values for its parameters (optional ones without a value are left out), and its query.</summary>
        public string Path(ModuleSampleValues values)
        {
            var segments = new List<string>();
            var text = new StringBuilder();
            foreach (var segment in Pattern.PathSegments)
            {
                var part = new StringBuilder();
                foreach (var piece in segment.Parts)
                {
                    switch (piece)
                    {
                        case RoutePatternLiteralPart literal:
                            part.Append(literal.Content);
                            break;
                        case RoutePatternParameterPart parameter:
                            part.Append(values.Find(text + "/", parameter.Name) is { } value ? Uri.EscapeDataString(value) : "");
                            break;
                        default:
                            break;
                    }
                }

                text.Append('/').Append(part);
                if (part.Length > 0)
                {
                    segments.Add(part.ToString());
                }
            }

            var path = "/" + string.Join('/', segments);
            // Query parameters: the samples' values under this path that name no route parameter (id, key, kind) and
            // apply to a prefix (values for every path are for JSON bodies).
            var query = values.All
                .Where(v => v.Prefix.Length > 0 && !v.Name.StartsWith('$') && path.StartsWith(v.Prefix, StringComparison.OrdinalIgnoreCase)
                            && !RouteParameterNames.Contains(v.Name))
                .GroupBy(v => v.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.OrderByDescending(v => v.Prefix.Length).First())
                .Select(v => $"{Uri.EscapeDataString(v.Name)}={Uri.EscapeDataString(v.Value)}")
                .ToList();
            return query.Count == 0 ? path : path + "?" + string.Join('&', query);
        }
    }

    private IReadOnlyList<Route> Routes()
    {
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ModuleEndpointMetadata>() is not null)
            .ToList();
        var routes = new List<Route>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern;
            var template = new StringBuilder();
            var missing = new List<string>();
            foreach (var segment in pattern.PathSegments)
            {
                template.Append('/');
                foreach (var piece in segment.Parts)
                {
                    if (piece is RoutePatternLiteralPart literal)
                    {
                        template.Append(literal.Content);
                    }
                    else if (piece is RoutePatternParameterPart parameter)
                    {
                        if (!parameter.IsOptional && fixture.ValuesA.Find(template.ToString(), parameter.Name) is null)
                        {
                            missing.Add(parameter.Name);
                        }

                        template.Append('{').Append(parameter.Name).Append('}');
                    }
                }
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                // A name is a query value unless this route or a route under this path takes it in the path (a queue's {unit}
                // is no reason to leave out the unit query of /api/organization/responsible).
                var own = endpoints.Where(e => e.RoutePattern.RawText is { } raw && pattern.RawText is { } mine && raw.StartsWith(mine, StringComparison.OrdinalIgnoreCase))
                    .SelectMany(e => e.RoutePattern.Parameters.Select(p => p.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
                // An applicant's own endpoints (docs/adr/0043) let only applicants in: they are reached as the samples' applicant.
                var forApplicants = endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == SaasPolicies.Applicant);
                routes.Add(new Route(method, template.ToString(), pattern, endpoint.Metadata.GetMetadata<IAcceptsMetadata>(), missing, own, forApplicants));
            }
        }

        return routes.OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The request of <paramref name="route"/> with A's values, under <paramref name="pathBase"/> or to <paramref name="host"/>.
    /// Writes carry the body the endpoint reads: JSON of its request type with A's ids, the module's sample body
    /// for other declared types (YAML), or a form with a PDF for endpoints that read the form themselves. A's marker is
    /// sent only on A's own path, so that whatever shows it elsewhere came from A's records.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Route route, string pathBase, string? host, string? token, string marker)
    {
        // A's own calls may name A's marker (a search for it); every other caller gets a neutral word in its place.
        var own = pathBase == $"/t/{fixture.A.Key}";
        var url = pathBase + route.Path(fixture.ValuesA);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), own ? url : url.Replace(marker, Neutral, StringComparison.Ordinal));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            var template = route.Template;
            if (route.Accepts is { RequestType: { } type } accepts && accepts.ContentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase)))
            {
                request.Content = new StringContent(JsonSerializer.Serialize(Body(type, template, 0)), Encoding.UTF8, "application/json");
            }
            else if (route.Accepts is { ContentTypes.Count: > 0 } other)
            {
                var text = (fixture.ValuesA.Find(template, "$body") ?? "").Replace(marker, Neutral, StringComparison.Ordinal);
                request.Content = new StringContent(text, Encoding.UTF8, other.ContentTypes[0]);
            }
            else
            {
                var pdf = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
                pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                request.Content = new MultipartFormDataContent
                {
                    { pdf, "file", "probe.pdf" },
                    { new StringContent("antrag"), "documentType" },
                    { new StringContent(Neutral), "title" },
                };
            }
        }

        return await fixture.App.CreateClient().SendAsync(request);
    }

    /// <summary>A JSON object for a request type: A's ids for Guid properties the samples name, neutral values otherwise.</summary>
    private Dictionary<string, object?> Body(Type type, string template, int depth)
    {
        var body = new Dictionary<string, object?>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            body[name] = kind switch
            {
                _ when kind == typeof(Guid) => fixture.ValuesA.Find(template, name) is { } id ? Guid.Parse(id) : Guid.NewGuid(),
                _ when kind == typeof(string) => name switch
                {
                    "documentType" => "antrag",
                    "result" => "ok",
                    "outcome" => "granted",
                    "kind" => "aufenthaltserlaubnis",
                    "toAuthority" => fixture.B.Key,
                    _ => Neutral,
                },
                _ when kind == typeof(DateOnly) => "2020-01-01",
                _ when kind == typeof(DateTimeOffset) || kind == typeof(DateTime) => "2026-01-01T00:00:00Z",
                _ when kind == typeof(int) || kind == typeof(long) => 1,
                _ when kind == typeof(bool) => false,
                { IsArray: true } when depth < 2 && kind.GetElementType() is { IsClass: true } element && element != typeof(string) => new[] { Body(element, template, depth + 1) },
                { IsArray: true } => Array.Empty<object>(),
                _ => null,
            };
        }

        return body;
    }

    private async Task<HttpResponseMessage> SendRawAsync(string method, string url, string? token, string? body, string contentType = "application/yaml")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        return await fixture.App.CreateClient().SendAsync(request);
    }

    /// <summary>Per table with a tenant_id: how many rows A has and a digest of them, read as the owner bound to A.</summary>
    private async Task<Dictionary<string, (long Rows, string Digest)>> TenantRowsAsync(Guid tenant)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var bind = new Npgsql.NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection))
        {
            bind.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant.ToString() });
            await bind.ExecuteNonQueryAsync();
        }

        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("""
            SELECT format('%I.%I', c.table_schema, c.table_name) FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.column_name = 'tenant_id' ORDER BY 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var result = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var cmd = new Npgsql.NpgsqlCommand($"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t WHERE tenant_id = $1", connection);
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = tenant });
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            result[table] = (reader.GetInt64(0), reader.GetString(1));
        }

        return result;
    }

    /// <summary>The applicant whose drafts and submissions the modules' samples make (<see cref="ModuleSampleValues.ApplicantSubject"/>).</summary>
    private string SampleApplicantToken() => TestTokens.Issue(fixture.App, null, ModuleSampleValues.ApplicantSubject, [SaasRoles.Applicant]);

    private static bool ReachedHandler(HttpResponseMessage response, string body) =>
        response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed or HttpStatusCode.UnsupportedMediaType)
        && !body.Contains("/problems/bad-request", StringComparison.Ordinal)
        && !body.Contains("This page does not exist here", StringComparison.Ordinal);

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
