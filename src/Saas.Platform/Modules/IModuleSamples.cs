namespace Saas.Platform.Modules;

/// <summary>
/// A module's sample records: real records of the current authority, made by the module's own code (its context,
/// its entities, its blob store and metadata kinds), each carrying a marker text, and the values that address
/// them in the module's routes. A module registers one implementation in its <c>ConfigureServices</c>
/// (<c>services.AddScoped&lt;IModuleSamples, …&gt;()</c>); nothing in a request path uses it.
/// <para>
/// The cross-tenant matrix (tests/Saas.Host.Tests/Tenancy, docs/adr/0013) calls every module's samples for one
/// authority and sends every module endpoint that authority's ids from another authority. The same records could
/// later serve as demo data for <c>saas db seed</c>; that is not built.
/// </para>
/// </summary>
public interface IModuleSamples
{
    /// <summary>The module's <see cref="IModule.Name"/>.</summary>
    string Module { get; }

    /// <summary>
    /// Creates the samples in the authority of the current scope (<c>ICurrentTenant.Begin</c>), every one carrying
    /// <paramref name="marker"/> in a field the module's answers show, and returns what addresses them.
    /// </summary>
    Task<ModuleSampleValues> CreateAsync(string marker, CancellationToken ct = default);
}

/// <summary>
/// Values for route parameters, query parameters and JSON body properties, by name and by the route prefix they
/// apply under (<c>("/api/cases/files", "id", fileId)</c>). The longest matching prefix wins, so a module can say
/// that <c>id</c> is a file under <c>/api/cases/files</c> and a document under <c>/api/cases/documents</c>; an empty
/// prefix applies everywhere.
/// </summary>
public sealed class ModuleSampleValues
{
    /// <summary>
    /// The signed-in applicant (the subject of their sign-in) the samples' applicant records belong to, so that the
    /// matrix calls an applicant's endpoints as the same person at another authority.
    /// </summary>
    public const string ApplicantSubject = "samples-applicant";

    private readonly List<(string Prefix, string Name, string Value)> values = [];

    public IReadOnlyList<(string Prefix, string Name, string Value)> All => values;

    public ModuleSampleValues Add(string prefix, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        values.Add((prefix, name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
        return this;
    }

    /// <summary>The value of <paramref name="name"/> for a route whose text up to the parameter is <paramref name="path"/>, or null.</summary>
    public string? Find(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        return values
            .Where(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase) && path.StartsWith(v.Prefix, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(v => v.Prefix.Length)
            .Select(v => v.Value)
            .FirstOrDefault();
    }

    /// <summary>Everything of <paramref name="other"/> as well (the matrix merges every module's values).</summary>
    public ModuleSampleValues AddRange(ModuleSampleValues other)
    {
        ArgumentNullException.ThrowIfNull(other);
        values.AddRange(other.values);
        return this;
    }
}
