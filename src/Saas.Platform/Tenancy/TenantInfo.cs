namespace Saas.Platform.Tenancy;

/// <summary>One authority on the platform, as the request pipeline and background jobs see it.</summary>
/// <param name="Id">Stable identifier; every tenant-owned row carries it as <c>tenant_id</c>.</param>
/// <param name="Key">URL key, e.g. <c>aachen</c>, used in <c>/t/{key}</c> and in <c>tenants/{key}/</c>.</param>
/// <param name="Name">Display name of the authority.</param>
/// <param name="Hosts">Host names that resolve to this tenant (e.g. <c>aachen.localhost</c>).</param>
/// <param name="EnabledModules">Module names switched on in <c>tenant.yaml</c>.</param>
public sealed record TenantInfo(
    Guid Id,
    string Key,
    string Name,
    IReadOnlyList<string> Hosts,
    IReadOnlySet<string> EnabledModules)
{
    /// <summary>The language (tag) people get when their browser names none the platform speaks (tenant.yaml <c>defaultLanguage</c>).</summary>
    public string DefaultLanguage { get; init; } = "de";

    /// <summary>The path prefix that addresses this authority on any host name (<c>/t/{key}</c>); its pages' links are made below it.</summary>
    public PathString PathBase => new("/t/" + Key);

    public bool IsModuleEnabled(string module) => EnabledModules.Contains(module);
}
