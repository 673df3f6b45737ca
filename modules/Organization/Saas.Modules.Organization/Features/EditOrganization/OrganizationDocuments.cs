namespace Saas.Modules.Organization.Features.EditOrganization;

/// <summary>The kinds of configuration document the organisation admin edits (others belong to other modules' admin).</summary>
internal static class OrganizationDocuments
{
    public static readonly IReadOnlyList<string> EditableKinds =
        [TenantKind.Name, Locations.LocationKind.Name, Units.UnitKind.Name, SurnameRanges.SurnameRangesKind.Name];

    /// <summary>Refuses a kind that is not edited here, with the same problem for the page and the API.</summary>
    public static void RequireEditable(string kind)
    {
        if (!EditableKinds.Contains(kind, StringComparer.Ordinal))
        {
            throw OrganizationProblems.KindNotEditableHere(kind);
        }
    }

    /// <summary>The kind a YAML text declares (<c>kind: location</c>), before it is parsed, or null when it names none.</summary>
    public static string? DeclaredKind(string yaml) =>
        yaml.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("kind:", StringComparison.Ordinal))?[5..].Trim();
}

/// <summary>One version of a document as the API answers it (no YAML: that is what the history is for).</summary>
internal sealed record DocumentVersionView(string Kind, string Key, int Version, string State)
{
    public static DocumentVersionView Of(MetadataDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Kind, d.Key, d.Version, d.State.ToString());
    }
}

/// <summary>One entry of a document's history as the API answers it.</summary>
internal sealed record DocumentHistoryEntry(int Version, string State, DateTimeOffset CreatedAt, string CreatedBy, string Sha256)
{
    public static DocumentHistoryEntry Of(MetadataDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Version, d.State.ToString(), d.CreatedAt, d.CreatedBy, d.Sha256);
    }
}

/// <summary>The answer of <c>POST /api/organization/admin/publish</c>.</summary>
internal sealed record PublishedDrafts(int Published);
