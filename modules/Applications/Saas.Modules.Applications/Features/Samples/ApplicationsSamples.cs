using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Features.Portal;
using Saas.Modules.Applications.Features.Submissions;
using Saas.Platform.Identity;

namespace Saas.Modules.Applications.Features.Samples;

/// <summary>
/// Applications' record for the cross-tenant matrix and the studio's round trip (docs/adr/0013, 0019): a form published
/// through the metadata store whose title carries the marker, an open draft of it whose answers carry the marker (its
/// link's token addresses the portal's draft pages) and a submitted one with its submission (whose id addresses the
/// online intake), and one by the samples' signed-in applicant (whose id addresses "Meine Anträge").
/// </summary>
internal sealed class ApplicationsSamples(IMetadataStore store, ICurrentActor actor, StartDraft start, SaveAnswers save, SubmitApplication submit) : IModuleSamples
{
    public const string FormKey = "formular-probe";

    public string Module => ApplicationsModule.ModuleName;

    public async Task<ModuleSampleValues> CreateAsync(string marker, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        using var job = actor.BeginJob("samples");
        await store.SaveDraftAsync(FormYaml(FormKey, marker), "samples", null, ct);
        await store.PublishAsync([(FormKind.Name, FormKey)], "samples", ct);
        var answers = new JsonObject { ["antrag"] = new JsonObject { ["name"] = "Probe " + marker, ["zweck"] = "studium" } };
        var open = await start.ExecuteAsync(new StartDraftRequest(FormKey, "de"), ct);
        await save.ExecuteAsync(new SaveAnswersRequest(open.Draft, answers, "de"), ct);
        var submitted = await start.ExecuteAsync(new StartDraftRequest(FormKey, "de"), ct);
        await save.ExecuteAsync(new SaveAnswersRequest(submitted.Draft, answers, "de"), ct);
        var receipt = await submit.ExecuteAsync(new SubmitApplicationRequest(FormKey, answers, submitted.Draft.IdempotencyKey, "de", submitted.Draft.Id), ct);
        // A signed-in applicant's submission, for "Meine Anträge" (docs/adr/0043).
        var applicant = new Accounts.SignedInApplicant(ModuleSampleValues.ApplicantSubject, "Probe " + marker, "STORK-QAA-Level-3");
        var theirs = await start.ExecuteAsync(new StartDraftRequest(FormKey, "de", applicant), ct);
        await save.ExecuteAsync(new SaveAnswersRequest(theirs.Draft, answers, "de"), ct);
        var mine = await submit.ExecuteAsync(new SubmitApplicationRequest(FormKey, answers, theirs.Draft.IdempotencyKey, "de", theirs.Draft.Id, applicant), ct);
        return new ModuleSampleValues()
            .Add("/antraege", "form", FormKey)
            .Add("/antraege/entwurf", "token", open.Token)
            .Add("/antraege/entwurf", "step", FormLayout.SingleStep)
            .Add("/api/applications", "form", FormKey)
            .Add("/api/applications/intake", "id", receipt.Id.ToString())
            .Add("/api/applications/mine", "id", mine.Id.ToString())
            .Add("/antraege/meine", "id", mine.Id.ToString())
            .Add("/workbench/online", "id", receipt.Id.ToString());
    }

    /// <summary>A form of one group with a text, a select and the evidence it asks for only when the purpose is employment.</summary>
    internal static string FormYaml(string key, string marker) => $$"""
        kind: form
        key: {{key}}
        spec:
          title:
            de: Probeantrag {{marker}}
          languages: [de]
          groups:
            - key: antrag
              label:
                de: Antrag
          fields:
            - key: name
              group: antrag
              type: text
              label:
                de: Name
              required: true
              maxLength: 120
            - key: zweck
              group: antrag
              type: select
              label:
                de: Zweck
              required: true
              codeList: zweck
            - key: vertrag
              group: antrag
              type: file
              label:
                de: Arbeitsvertrag
              requiredWhen: antrag.zweck == "beschaeftigung"
              accept: [application/pdf]
          codeLists:
            - key: zweck
              codes:
                - code: beschaeftigung
                  label:
                    de: Beschäftigung
                - code: studium
                  label:
                    de: Studium
        """;
}
