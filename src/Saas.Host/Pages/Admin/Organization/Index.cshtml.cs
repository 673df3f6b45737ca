using Microsoft.AspNetCore.Authorization;
using Saas.Platform.Web;
using Saas.Platform.Metadata;

namespace Saas.Host.Pages.Admin.Organization;

/// <summary>
/// Tenant admins view and change the authority's organisation documents: edits become drafts with located
/// errors; publishing makes all drafts visible at once; every version stays in the history.
/// </summary>
[Authorize(Policy = SaasPolicies.TenantAdmin)]
public sealed class IndexModel(IMetadataStore store) : PageModel
{
    private static readonly string[] Kinds = ["tenant", "location", "unit", "surname-ranges"];

    public IReadOnlyList<(MetadataDocument Published, MetadataDocument? Draft)> Documents { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty]
    public string Yaml { get; set; } = "";

    public IReadOnlyList<MetadataError> Errors { get; private set; } = [];

    public IReadOnlyList<MetadataDocument> History { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Kind is not null && Key is not null)
        {
            var current = await store.GetDraftAsync(Kind, Key, ct) ?? await store.GetPublishedAsync(Kind, Key, ct);
            Yaml = current?.Yaml ?? "";
            History = await store.GetHistoryAsync(Kind, Key, ct);
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        try
        {
            var draft = await store.SaveDraftAsync(Yaml.Replace("\r\n", "\n", StringComparison.Ordinal), User.Identity?.Name ?? "admin", null, ct);
            Kind = draft.Kind;
            Key = draft.Key;
            Message = L.T("host.admin.organization.draft-version-version-saved-it-becomes", ("version", draft.Version));
        }
        catch (MetadataValidationException ex)
        {
            Errors = ex.Errors;
        }

        await LoadAsync(ct);
        if (Kind is not null && Key is not null)
        {
            History = await store.GetHistoryAsync(Kind, Key, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        var count = await store.PublishAsync(null, User.Identity?.Name ?? "admin", ct);
        Message = L.T("host.admin.organization.count-drafts-published", ("count", count));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = new List<(MetadataDocument, MetadataDocument?)>();
        foreach (var kind in Kinds)
        {
            foreach (var published in await store.GetPublishedAsync(kind, ct))
            {
                list.Add((published, await store.GetDraftAsync(kind, published.Key, ct)));
            }
        }

        Documents = list;
    }
}
