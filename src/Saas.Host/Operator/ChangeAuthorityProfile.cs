namespace Saas.Host.Operator;

/// <summary>The hosts and modules an authority is to have from now on.</summary>
internal sealed record ChangeAuthorityProfileRequest(string Key, IReadOnlyList<string> Hosts, IReadOnlyList<string> Modules);

/// <summary>
/// Switches an authority's modules and sets its hosts (the platform operator only): a new published version of its
/// profile with only those two values changed, the registry row rewritten from it. Refused while the authority's
/// admin has an open draft of the profile (<c>profile-has-open-draft</c>), so that nobody's work is overwritten.
/// </summary>
internal sealed class ChangeAuthorityProfile(TenantProvisioning provisioning, ITenantCatalog catalog, ModuleCatalog modules, ICurrentActor actor)
{
    public async Task<AuthorityRow> ExecuteAsync(ChangeAuthorityProfileRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = await catalog.FindByKeyAsync(request.Key, ct) ?? throw OperatorProblems.AuthorityNotFound(request.Key);
        var input = new AuthorityInput();
        var hosts = (request.Hosts ?? []).Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).ToList();
        await input.CheckHostsAsync(hosts, tenant.Key, catalog, ct);
        var chosen = (request.Modules ?? []).Distinct(StringComparer.Ordinal).ToList();
        input.CheckModules(chosen, modules);
        input.ThrowIfInvalid();

        try
        {
            _ = await provisioning.ChangeProfileAsync(tenant.Key, hosts, chosen, actor.Id, ct) ?? throw OperatorProblems.ProfileHasOpenDraft(tenant.Key);
        }
        catch (MetadataValidationException invalid)
        {
            throw OperatorProblems.SourceInvalid(invalid.Errors);
        }

        var changed = await catalog.FindByKeyAsync(tenant.Key, ct) ?? throw OperatorProblems.AuthorityNotFound(tenant.Key);
        return new AuthorityRow(changed.Key, changed.Name, changed.Hosts, changed.EnabledModules.Order(StringComparer.Ordinal).ToList(), changed.DefaultLanguage);
    }
}
