namespace Saas.Host.Operator;

/// <summary>
/// A new authority as the operator asks for it: its registry facts, and where its configuration comes from — a
/// template (<see cref="Template"/>) or another authority's published documents (<see cref="CopyOf"/>), exactly one.
/// </summary>
internal sealed record CreateAuthorityRequest(
    string Key, string Name, string OfficialKey, string FederalState, IReadOnlyList<string> Hosts, IReadOnlyList<string> Modules,
    string? Template, string? CopyOf);

/// <summary>
/// Creates an authority (the platform operator only): checks every field, then lets <see cref="TenantProvisioning"/>
/// import the source's documents with the new profile — published, audited as the operator's import, the registry
/// row written by the owner role. The new authority's admins then change the rest in the studio.
/// </summary>
internal sealed partial class CreateAuthority(TenantProvisioning provisioning, ITenantCatalog catalog, ModuleCatalog modules, ICurrentActor actor)
{
    public async Task<AuthorityRow> ExecuteAsync(CreateAuthorityRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new AuthorityInput();
        var key = request.Key?.Trim() ?? "";
        if (!Key().IsMatch(key))
        {
            input.Fail("key", "host.operator.error.key-format");
        }
        else if (await catalog.FindByKeyAsync(key, ct) is not null)
        {
            input.Fail("key", "host.operator.error.key-taken", ("key", key));
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length is < 3 or > 200)
        {
            input.Fail("name", "host.operator.error.name-length");
        }

        if (!OfficialKey().IsMatch(request.OfficialKey ?? ""))
        {
            input.Fail("officialKey", "host.operator.error.official-key");
        }

        if (!TenantKind.FederalStates.Contains(request.FederalState ?? ""))
        {
            input.Fail("federalState", "host.operator.error.federal-state");
        }

        var hosts = (request.Hosts ?? []).Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).ToList();
        await input.CheckHostsAsync(hosts, null, catalog, ct);
        var chosen = (request.Modules ?? []).Distinct(StringComparer.Ordinal).ToList();
        input.CheckModules(chosen, modules);

        var template = string.IsNullOrWhiteSpace(request.Template) ? null : request.Template;
        var copyOf = string.IsNullOrWhiteSpace(request.CopyOf) ? null : request.CopyOf;
        if ((template is null) == (copyOf is null))
        {
            input.Fail("source", "host.operator.error.source-one");
        }
        else if (template is not null && !provisioning.Templates().Contains(template, StringComparer.Ordinal))
        {
            input.Fail("source", "host.operator.error.template-unknown", ("template", template));
        }
        else if (copyOf is not null && await catalog.FindByKeyAsync(copyOf, ct) is null)
        {
            input.Fail("source", "host.operator.error.source-unknown", ("key", copyOf));
        }

        input.ThrowIfInvalid();
        try
        {
            await provisioning.CreateAsync(new NewTenant(key, name, request.OfficialKey!, request.FederalState!, hosts, chosen),
                new TenantSource(template, copyOf), actor.Id, ct);
        }
        catch (MetadataValidationException invalid)
        {
            throw OperatorProblems.SourceInvalid(invalid.Errors);
        }

        var created = await catalog.FindByKeyAsync(key, ct) ?? throw OperatorProblems.AuthorityNotFound(key);
        return new AuthorityRow(created.Key, created.Name, created.Hosts, created.EnabledModules.Order(StringComparer.Ordinal).ToList(), created.DefaultLanguage);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Key();

    [GeneratedRegex("^[0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex OfficialKey();
}
