using System.Text.Json;
using Saas.Modules.Letters.Contracts;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Letters;

/// <summary>
/// Produces the letter a transition asked for (<see cref="ProcessLetterRequested"/>, written in the transition's
/// transaction) through the letters pipeline into the case's file, once: the outbox may deliver again after a crash,
/// so a produced letter is remembered as a step of the case's process (kind <c>action</c>, with the event's id) and
/// not produced a second time. Placeholder values arrive as the expressions' results; dates are written as a German
/// letter writes them (the letters' language is German unless a translation is chosen, docs/adr/0023).
/// </summary>
internal sealed class ProduceProcessLetter(WorkflowsDbContext db, ILetters letters, ICurrentActor actor, TimeProvider clock) : IIntegrationEventHandler<ProcessLetterRequested>
{
    public async Task HandleAsync(ProcessLetterRequested integrationEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var marker = integrationEvent.EventId.ToString();
        if (await db.Steps.AnyAsync(s => s.InstanceId == integrationEvent.InstanceId && s.Kind == ProcessStep.Action && s.TransitionKey == marker, ct))
        {
            return;
        }

        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == integrationEvent.InstanceId, ct);
        var values = integrationEvent.Values.ToDictionary(v => v.Key, v => Text(v.Value), StringComparer.Ordinal);
        using var job = actor.BeginJob("process-letters");
        var produced = await letters.ProduceAsync(new LetterRequest(integrationEvent.Letter, integrationEvent.CaseFileId, integrationEvent.CaseId, null, values), ct);
        db.Steps.Add(new ProcessStep
        {
            InstanceId = instance.Id,
            Kind = ProcessStep.Action,
            TransitionKey = marker,
            FromState = instance.State,
            ProcessVersion = instance.ProcessVersion,
            Detail = new JsonObject
            {
                ["letter"] = produced.Letter, ["document"] = produced.DocumentId.ToString(), ["language"] = produced.Language, ["pages"] = produced.Pages,
            }.ToJsonString(),
            At = clock.GetUtcNow(),
            By = actor.Id,
        });
        await db.SaveChangesAsync(ct);
    }

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>An expression's result as the letter shows it: texts as they are, ISO dates as 31.01.2027, lists joined by "; ".</summary>
    internal static string Text(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        var value = parsed.RootElement;
        return value.ValueKind switch
        {
            JsonValueKind.String when DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
                date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.ToString())),
            JsonValueKind.Number => value.GetDecimal().ToString(German),
            JsonValueKind.True => TextCatalog.Shared.Format(new LocalizedText("workflows.letter.yes"), German),
            JsonValueKind.False => TextCatalog.Shared.Format(new LocalizedText("workflows.letter.no"), German),
            _ => value.ToString(),
        };
    }
}
