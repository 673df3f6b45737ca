using Saas.Modules.Cases.Contracts;
using Saas.Modules.Workflows.Features.Deadlines;
using Saas.Modules.Workflows.Features.Definitions;

namespace Saas.Modules.Workflows.Features.Instances;

/// <summary>What the e-Akte knows of a case that a process may read: the record, the person, the evidence, the newest title and passport.</summary>
internal sealed record CaseFacts(CaseRecord Case, CaseFileSummary? File, IReadOnlyList<string> DocumentTypes, ResidenceTitleRecord? Title, PassportRecord? Passport);

/// <summary>Reads a case's facts through the e-Akte's contract (one query) and fills a process's variables with them.</summary>
internal sealed class ProcessFacts(ICaseRecords cases)
{
    /// <summary>The authorities' time zone: <c>today()</c> and the dates of steps are Berlin's.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateOnly Today(TimeProvider clock) => CompiledExpression.Today(clock, Zone);

    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    public async Task<CaseFacts> ReadAsync(Guid caseId, Guid caseFileId, CancellationToken ct)
    {
        var facts = await cases.RuleFactsAsync(caseId, caseFileId, ct) ?? throw WorkflowsProblems.CaseNotFound(caseId);
        return new CaseFacts(facts.Case, facts.File, facts.DocumentTypes, facts.NewestTitle, facts.NewestPassport);
    }

    /// <summary>The variables of one evaluation: built-ins from the facts, running deadlines, the process's own variables as stored.</summary>
    public static ExpressionValues Values(CompiledProcess process, ProcessInstance instance, CaseFacts facts, IEnumerable<DeadlineRecord> running, JsonObject? extra = null)
    {
        var values = process.Schema.NewValues();
        values.Set("case.kind", facts.Case.Kind);
        values.Set("case.openedOn", DateOf(facts.Case.OpenedAt));
        if (instance.LegalBasis is { } basis)
        {
            values.Set("case.legalBasis", basis);
        }

        values.Set("documents", facts.DocumentTypes);
        if (facts.File?.BirthDate is { } birth)
        {
            values.Set("person.birthDate", birth);
        }

        values.Set("person.nationalities", facts.File?.Nationalities ?? []);
        if (facts.Title is { } title)
        {
            values.Set("title.legalBasis", title.LegalBasis);
            if (title.ValidUntil is { } until)
            {
                values.Set("title.validUntil", until);
            }
        }

        if (facts.Passport is { } passport)
        {
            values.Set("passport.validUntil", passport.ValidUntil);
        }

        values.Set("process.startedOn", DateOf(instance.StartedAt));
        values.Set("state.enteredOn", DateOf(instance.StateEnteredAt));
        foreach (var deadline in running.Where(d => d.Status == DeadlineRecord.Running))
        {
            if (process.Definition.Deadline(deadline.Key) is not null)
            {
                values.Set("deadlines." + deadline.Key, deadline.DueOn);
            }
        }

        var data = instance.Variables();
        foreach (var (name, value) in extra ?? [])
        {
            data[name] = value?.DeepClone();
        }

        foreach (var declaration in process.Schema.Variables.Where(v => !ProcessCompiler.IsReserved(v.Name)))
        {
            if (data[declaration.Name] is { } value)
            {
                VariableValues.Set(values, declaration, value);
            }
        }

        return values;
    }
}
