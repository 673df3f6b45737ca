using Microsoft.Extensions.Options;

namespace Saas.Modules.Applications.Features.Portal;

/// <summary>A new draft of <paramref name="Form"/>; a signed-in applicant's is theirs and listed under "Meine Anträge".</summary>
internal sealed record StartDraftRequest(string Form, string Language, Accounts.SignedInApplicant? Applicant = null);

/// <summary>The new draft and the token of its link (shown once: only its hash is stored).</summary>
internal sealed record StartedDraft(DraftRecord Draft, string Token, PortalForm Form);

/// <summary>Starts an application of a published form: a draft with a new link token, the language and an Idempotency-Key.</summary>
internal sealed class StartDraft(ApplicationsDbContext db, PublishedForms forms, TimeProvider clock, IOptions<ApplicationsOptions> options)
{
    public async Task<StartedDraft> ExecuteAsync(StartDraftRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = await forms.GetAsync(request.Form, ct);
        var now = clock.GetUtcNow();
        var token = DraftTokens.NewToken();
        var draft = new DraftRecord
        {
            FormKey = form.Key,
            TokenHash = DraftTokens.Hash(token),
            Language = Language(request.Language),
            IdempotencyKey = DraftTokens.NewIdempotencyKey(),
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now.AddDays(options.Value.DraftDays),
            ApplicantSubject = request.Applicant?.Subject,
        };
        db.Drafts.Add(draft);
        await db.SaveChangesAsync(ct);
        return new StartedDraft(draft, token, form);
    }

    internal static string Language(string? tag) => string.IsNullOrWhiteSpace(tag) || tag.Length > 20 ? "de" : tag;
}

/// <summary>A draft by its link, with its form; another authority's, an unknown or an expired link is not found.</summary>
internal sealed record OpenDraft(DraftRecord Draft, PortalForm Form, JsonObject Answers);

internal sealed class ReadDraft(ApplicationsDbContext db, PublishedForms forms, TimeProvider clock)
{
    public async Task<OpenDraft> ExecuteAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            throw ApplicationsProblems.DraftNotFound();
        }

        var hash = DraftTokens.Hash(token);
        var draft = await db.Drafts.FirstOrDefaultAsync(d => d.TokenHash == hash, ct);
        if (draft is null || draft.ExpiresAt <= clock.GetUtcNow())
        {
            throw ApplicationsProblems.DraftNotFound();
        }

        var form = await forms.GetAsync(draft.FormKey, ct);
        return new OpenDraft(draft, form, draft.ReadAnswers());
    }
}

internal sealed record SaveAnswersRequest(DraftRecord Draft, JsonObject Answers, string Language);

/// <summary>Keeps the answers as posted (errors and all: nothing entered is lost) and the language the applicant reads.</summary>
internal sealed class SaveAnswers(ApplicationsDbContext db, TimeProvider clock)
{
    public async Task ExecuteAsync(SaveAnswersRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Draft.Answers = request.Answers.ToJsonString();
        request.Draft.Language = StartDraft.Language(request.Language);
        request.Draft.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
