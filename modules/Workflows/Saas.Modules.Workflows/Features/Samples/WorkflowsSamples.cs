using Saas.Modules.Cases.Contracts;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Samples;

/// <summary>
/// Workflows' records for the cross-tenant matrix (docs/adr/0013), each carrying the marker: the document types the
/// process's guard names and a small process (both published through the metadata store, as the admin studio
/// publishes them), a case opened through the e-Akte's contract in the e-Akte's sample file, and that case's process
/// started through the caseworkers' use case, so it has a task and a running deadline, then a second version of the
/// process published (the case keeps version 1, so a migration plan has somewhere to go). The e-Akte's samples are made
/// first (the host lists Cases before Workflows); this one finds their file by its number.
/// </summary>
internal sealed class WorkflowsSamples(IMetadataStore store, ICaseFileDirectory files, ICaseRecords cases, StartProcess start, WorkflowsDbContext db,
    ICurrentActor actor) : IModuleSamples
{
    public const string ProcessKey = "aufenthalt-probe";

    public const string CaseKind = "aufenthaltserlaubnis";

    public const string LegalBasis = "AufenthG-18a";

    /// <summary>The document types the process's guards name (with the e-Akte's own samples' <c>antrag</c>, so its uploads stay valid).</summary>
    public static IReadOnlyList<(string Key, string Name, string NameEn)> DocumentTypes { get; } =
        [("antrag", "Antrag", "Application"), ("arbeitsvertrag", "Arbeitsvertrag", "Employment contract"), ("pass", "Pass", "Passport")];

    public string Module => WorkflowsModule.ModuleName;

    public async Task<ModuleSampleValues> CreateAsync(string marker, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(marker);
        using var job = actor.BeginJob("samples");
        await PublishAsync(store, ProcessYaml(ProcessKey, marker), "samples", ct);
        var file = (await files.SearchPersonsAsync(marker, null, 10, ct)).FirstOrDefault(f => f.FileNumber == "MUSTER-" + marker)
            ?? throw new InvalidOperationException("Workflows' samples open their case in the e-Akte's sample file, which the Cases samples make first.");
        var record = await cases.OpenAsync(file.Id, CaseKind, "Prozess " + marker, ct);
        var instance = await start.ExecuteAsync(new StartProcessRequest(record.Id, ProcessKey, LegalBasis), ct);
        var task = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instance).OrderBy(t => t.CreatedAt).Select(t => t.Id).FirstAsync(ct);
        var deadline = await db.Deadlines.AsNoTracking().Where(d => d.InstanceId == instance).Select(d => d.Key).FirstAsync(ct);
        // A second version, published after the case started: the case keeps version 1, and the migration plan has a version to move it to.
        await store.SaveDraftAsync(ProcessYaml(ProcessKey, marker + " (2)"), "samples", null, ct);
        await store.PublishAsync([(ProcessKind.Name, ProcessKey)], "samples", ct);

        return new ModuleSampleValues()
            .Add("/api/workflows/cases", "caseId", record.Id)
            .Add("/api/workflows/instances", "id", instance)
            .Add("/api/workflows/instances", "transition", "weiter")
            .Add("/api/workflows/processes", "key", ProcessKey)
            .Add("/api/workflows/processes", "from", 1)
            .Add("/api/workflows/tasks", "id", task)
            .Add("/api/workflows/deadlines", "key", deadline)
            .Add("/workbench/cases", "caseId", record.Id)
            .Add("/workbench/tasks", "id", task)
            .Add("/workbench/processes", "key", ProcessKey)
            .Add("/admin/workflows", "key", ProcessKey)
            .Add("/admin/processes", "key", ProcessKey)
            // The Organization samples' unit (key 30-20): its queue exists in A and not in B.
            .Add("/api/workflows/queues/units", "unit", "30-20")
            .Add("/workbench/queue/unit", "unit", "30-20");
    }

    /// <summary>Saves and publishes the document types and the process (only these documents: others' open drafts stay drafts).</summary>
    internal static async Task PublishAsync(IMetadataStore store, string processYaml, string author, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var (key, name, nameEn) in DocumentTypes)
        {
            await store.SaveDraftAsync($"kind: document-type\nkey: {key}\nspec:\n  name: {name}\n  nameEn: {nameEn}\n", author, null, ct);
        }

        var process = await store.SaveDraftAsync(processYaml, author, null, ct);
        await store.PublishAsync([.. DocumentTypes.Select(d => ("document-type", d.Key)), (ProcessKind.Name, process.Key)], author, ct);
    }

    /// <summary>
    /// A small residence-permit process: received (a task) → evidence requested (a dated input, a deadline) or, with
    /// the employment contract in the file, ready for decision → granted (signing authority and a co-signature) or
    /// refused (signing authority). A processing deadline with a reminder starts with the case. With
    /// <paramref name="letters"/> its steps produce letters (kind <c>letter</c>, which the letters pipeline brings).
    /// </summary>
    internal static string ProcessYaml(string key, string marker, bool letters = false) => $$"""
        kind: process
        key: {{key}}
        spec:
          name: Aufenthaltserlaubnis {{marker}}
          nameEn: Residence permit {{marker}}
          caseKind: {{CaseKind}}
          legalBases: [AufenthG-18a, AufenthG-18b]
          variables:
            nachweise.frist: date
            entscheidung.gueltigBis: date
            bemerkung: string
          initial: eingang
          states:
            - key: eingang
              name: Eingang
              nameEn: Received
              tasks:
                - { key: pruefen, name: Vollständigkeit prüfen, nameEn: Check completeness, due: "14 days" }
            - { key: nachforderung, name: Nachweise angefordert, nameEn: Evidence requested }
            - { key: entscheidung, name: Entscheidungsreif, nameEn: Ready for decision }
            - { key: erteilt, name: Erteilt, nameEn: Granted, final: true, outcome: erteilt }
            - { key: abgelehnt, name: Abgelehnt, nameEn: Refused, final: true, outcome: abgelehnt }
          transitions:
            - key: vollstaendig
              name: Vollständig
              nameEn: Complete
              from: [eingang, nachforderung]
              to: entscheidung
              guard: { documents: [arbeitsvertrag] }
            - key: nachfordern
              name: Nachweise anfordern
              nameEn: Request evidence
              from: [eingang]
              to: nachforderung
              inputs: [nachweise.frist]
              actions:
                - start-deadline: nachweise
        {{(letters ? "        - letter: nachforderung\n" : "")}}    - key: weiter
              name: Ohne Nachweis weiter
              nameEn: Go on without evidence
              from: [eingang, nachforderung]
              to: entscheidung
              inputs: [bemerkung]
            - key: erteilen
              name: Erteilen
              nameEn: Grant
              from: [entscheidung]
              to: erteilt
              guard: { signing: true, coSign: true }
              inputs: [entscheidung.gueltigBis]
              actions:
                - decision: granted
                  validUntil: entscheidung.gueltigBis
        {{(letters ? "        - letter: bescheid\n" : "")}}    - key: ablehnen
              name: Ablehnen
              nameEn: Refuse
              from: [entscheidung]
              to: abgelehnt
              guard: { signing: true }
          startActions:
            - start-deadline: bearbeitung
          deadlines:
            - key: bearbeitung
              name: Bearbeitungsfrist
              nameEn: Processing time
              after: 3 months
              escalations:
                - { after: 2 months, name: Erinnerung, nameEn: Reminder }
            - key: nachweise
              name: Frist für Nachweise
              nameEn: Deadline for evidence
              until: nachweise.frist
        """;
}
