namespace Saas.Host.Operator;

/// <summary>
/// The checks of the operator's input that the page and the API share: each failure is a message in the operator's
/// language under the form field it concerns (<c>key</c>, <c>name</c>, <c>officialKey</c>, <c>federalState</c>,
/// <c>hosts</c>, <c>modules</c>, <c>source</c>).
/// </summary>
internal sealed partial class AuthorityInput
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Valid => errors.Count == 0;

    public void Fail(string field, string textKey, params (string Name, object? Value)[] arguments)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(L.T(textKey, arguments));
    }

    public void ThrowIfInvalid()
    {
        if (!Valid)
        {
            throw OperatorProblems.InvalidAuthority(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    /// <summary>Host names as typed (one per line, or separated by commas or spaces), trimmed and lower-cased.</summary>
    public static IReadOnlyList<string> SplitHosts(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.ToLowerInvariant()).ToList();

    /// <summary>Hosts must be DNS names, listed once, and belong to no other authority.</summary>
    public async Task CheckHostsAsync(IReadOnlyList<string> hosts, string? ownKey, ITenantCatalog catalog, CancellationToken ct)
    {
        foreach (var host in hosts)
        {
            if (host.Length > 253 || !HostName().IsMatch(host))
            {
                Fail("hosts", "host.operator.error.host-format", ("host", host));
            }
            else if (await catalog.FindByHostAsync(host, ct) is { } other && other.Key != ownKey)
            {
                Fail("hosts", "host.operator.error.host-taken", ("host", host), ("authority", other.Name));
            }
        }

        foreach (var twice in hosts.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Fail("hosts", "host.operator.error.host-twice", ("host", twice.Key));
        }
    }

    /// <summary>Modules must be ones this host runs; an authority runs at least one.</summary>
    public void CheckModules(IReadOnlyList<string> chosen, ModuleCatalog modules)
    {
        if (chosen.Count == 0)
        {
            Fail("modules", "host.operator.error.modules-none");
        }

        foreach (var unknown in chosen.Where(m => modules.Modules.All(known => known.Name != m)))
        {
            Fail("modules", "host.operator.error.module-unknown", ("module", unknown));
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
