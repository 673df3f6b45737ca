using System.Collections.Frozen;
using System.Xml;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>One nationality of the DESTATIS list "Staat": its ISO 3166 alpha-3 code (what a file stores), key and German name.</summary>
internal sealed record Nationality(string Code, string Key, string Name, string Country);

/// <summary>
/// The nationalities a caseworker chooses from: the DESTATIS code list "Staat" (genericode, embedded, see README.md
/// beside it), read once with limits on its size and depth. A file stores the ISO-3 code (<c>SYR</c>), as files did
/// before the list; a value written before as free text stays as it is and is shown as it is, unless the list knows
/// it by its code, ISO-2 code, country or nationality name.
/// </summary>
internal sealed class NationalityList
{
    public const string Resource = "nationalities/C60000020_genericode.xml";
    private const string Genericode = "http://docs.oasis-open.org/codelist/ns/genericode/1.0/";
    private const long MaxCharacters = 2_000_000;
    private const int MaxDepth = 8;

    private readonly FrozenDictionary<string, Nationality> byCode;
    private readonly FrozenDictionary<string, Nationality> byAnyName;

    public NationalityList(Stream genericode)
    {
        var (all, aliases) = Read(genericode);
        All = all;
        byCode = all.ToFrozenDictionary(n => n.Code, StringComparer.Ordinal);
        byAnyName = aliases.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Sorted by the German name (with the country where two states share a name).</summary>
    public IReadOnlyList<Nationality> All { get; }

    public static NationalityList Embedded()
    {
        using var stream = typeof(NationalityList).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"The code list {Resource} is not embedded.");
        return new NationalityList(stream);
    }

    /// <summary>The list's entry for a stored value: by its code, or a free-text value written before the list (<c>syrisch</c>, <c>SY</c>).</summary>
    public Nationality? Find(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : byCode.TryGetValue(value.Trim().ToUpperInvariant(), out var known) ? known
        : byAnyName.GetValueOrDefault(value.Trim());

    /// <summary>How a stored value is shown: the German name and code when the list knows it (<c>polnisch (POL)</c>), else the value as written.</summary>
    public string Display(string value) => Find(value) is { } known ? $"{known.Name} ({known.Code})" : value;

    public bool IsCode(string value) => byCode.ContainsKey(value);

    private static (List<Nationality> All, Dictionary<string, Nationality> Aliases) Read(Stream stream)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxCharacters, MaxCharactersFromEntities = 0,
            IgnoreComments = true, IgnoreWhitespace = true,
        };
        var rows = new List<Dictionary<string, string>>();
        using (var reader = XmlReader.Create(stream, settings))
        {
            Dictionary<string, string>? row = null;
            string? column = null;
            while (reader.Read())
            {
                if (reader.Depth > MaxDepth)
                {
                    throw new InvalidDataException($"The code list is nested deeper than {MaxDepth} levels.");
                }

                if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == Genericode)
                {
                    switch (reader.LocalName)
                    {
                        case "Row":
                            row = [];
                            rows.Add(row);
                            break;
                        case "Value" when row is not null:
                            column = reader.GetAttribute("ColumnRef");
                            break;
                        case "SimpleValue" when row is not null && column is not null:
                            row[column] = reader.ReadElementContentAsString().Trim();
                            column = null;
                            break;
                    }
                }
            }
        }

        var entries = rows
            .Where(r => r.ContainsKey("iso-3") && r.ContainsKey("staatsangehoerigkeit") && r.ContainsKey("schluessel-staat"))
            .Select(r => (Row: r, Entry: new Nationality(r["iso-3"], r["schluessel-staat"], r["staatsangehoerigkeit"], r.GetValueOrDefault("staatenname-kurz") ?? "")))
            .ToList();
        if (entries.Count == 0)
        {
            throw new InvalidDataException("The code list has no nationalities.");
        }

        var shared = entries.GroupBy(e => e.Entry.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var all = entries
            .Select(e => shared.Contains(e.Entry.Name) ? e.Entry with { Name = $"{e.Entry.Name} ({e.Entry.Country})" } : e.Entry)
            .DistinctBy(n => n.Code)
            .OrderBy(n => n.Name, StringComparer.Create(CultureInfo.GetCultureInfo("de-DE"), CompareOptions.IgnoreCase))
            .ToList();
        var aliases = new Dictionary<string, Nationality>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, entry) in entries)
        {
            var named = all.First(n => n.Code == entry.Code);
            foreach (var alias in new[] { row.GetValueOrDefault("iso-2"), row.GetValueOrDefault("staatenname-kurz"), row.GetValueOrDefault("suchbegriff"), entry.Name })
            {
                if (!string.IsNullOrWhiteSpace(alias))
                {
                    aliases.TryAdd(alias, named);
                }
            }
        }

        return (all, aliases);
    }
}
