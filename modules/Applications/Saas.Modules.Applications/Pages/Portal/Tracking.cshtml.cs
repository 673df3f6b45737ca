using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Applications.Features.Accounts;
using Saas.Modules.Applications.Features.Portal;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// <c>/antraege/meine/{id}</c>: one of the signed-in applicant's applications with its status timeline (docs/adr/0043).
/// Another applicant's or another authority's id is a 404.
/// </summary>
internal sealed class TrackingModel(MyApplications mine, PublishedForms forms) : ApplicantPage
{
    public MySubmissionDetail Detail { get; private set; } = null!;

    public string FormTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Detail = await mine.OneAsync(Applicant, id, ct);
        var form = await forms.GetVersionAsync(Detail.Submission.Form, Detail.Submission.FormVersion, ct);
        FormTitle = form is null ? Detail.Submission.Form : FormView.Plain(form.Definition.Title);
        return Page();
    }

    /// <summary>BundID's names for the STORK-QAA levels (1 Basisregistrierung, 3 substanziell, 4 hoch); another value is named as it is.</summary>
    public static string TrustLevelText(string level) => level switch
    {
        "STORK-QAA-Level-1" or "STORK-QAA-Level-2" or "STORK-QAA-Level-3" or "STORK-QAA-Level-4" => "applications.trust-level." + level[^1],
        _ => "applications.trust-level.other",
    };
}
