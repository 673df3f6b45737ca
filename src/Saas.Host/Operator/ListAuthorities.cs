namespace Saas.Host.Operator;

/// <summary>One authority as the operator sees it: registry facts only, never its documents or drafts.</summary>
internal sealed record AuthorityRow(string Key, string Name, IReadOnlyList<string> Hosts, IReadOnlyList<string> Modules, string DefaultLanguage);

/// <summary>What the operator may choose from when creating or changing an authority.</summary>
internal sealed record OperatorChoices(IReadOnlyList<AuthorityRow> Authorities, IReadOnlyList<string> Templates, IReadOnlyList<string> Modules);

/// <summary>Lists the authorities, the templates and the modules this host runs (the operator page and its API).</summary>
internal sealed class ListAuthorities(ITenantCatalog catalog, TenantProvisioning provisioning, ModuleCatalog modules)
{
    public async Task<OperatorChoices> ExecuteAsync(CancellationToken ct)
    {
        var authorities = (await catalog.ListAsync(ct))
            .Select(t => new AuthorityRow(t.Key, t.Name, t.Hosts, t.EnabledModules.Order(StringComparer.Ordinal).ToList(), t.DefaultLanguage))
            .ToList();
        return new OperatorChoices(authorities, provisioning.Templates(), modules.Modules.Select(m => m.Name).ToList());
    }
}
