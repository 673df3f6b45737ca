namespace Saas.Host.Operator;

/// <summary>
/// The platform operator's API, outside every authority's path: list the authorities, create one from a template
/// or a copy, switch its modules and set its hosts. Each endpoint maps HTTP to its use case (docs/adr/0012); the
/// operator page calls the same use cases.
/// </summary>
internal static class OperatorEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/operator").WithTags("Platform operation")
            .RequireAuthorization(SaasPolicies.PlatformOperator);

        group.MapGet("/authorities", async Task<Ok<OperatorChoices>> (ListAuthorities list, CancellationToken ct) =>
            TypedResults.Ok(await list.ExecuteAsync(ct)));

        group.MapPost("/authorities", async Task<Created<AuthorityRow>> (CreateAuthorityRequest request, CreateAuthority create, CancellationToken ct) =>
        {
            var created = await create.ExecuteAsync(request, ct);
            return TypedResults.Created($"/api/operator/authorities/{created.Key}", created);
        });

        group.MapPut("/authorities/{key}/profile", async Task<Ok<AuthorityRow>> (string key, ProfileBody body, ChangeAuthorityProfile change, CancellationToken ct) =>
            TypedResults.Ok(await change.ExecuteAsync(new ChangeAuthorityProfileRequest(key, body.Hosts ?? [], body.Modules ?? []), ct)));
    }

    /// <summary>The body of <c>PUT /api/operator/authorities/{key}/profile</c>.</summary>
    internal sealed record ProfileBody(IReadOnlyList<string>? Hosts, IReadOnlyList<string>? Modules);
}

/// <summary>Registers the operator console's use cases and maps its API.</summary>
internal static class OperatorFeature
{
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services) =>
        services.AddScoped<ListAuthorities>().AddScoped<CreateAuthority>().AddScoped<ChangeAuthorityProfile>();

    public static void MapOperatorConsole(this IEndpointRouteBuilder endpoints) => OperatorEndpoints.Map(endpoints);
}
