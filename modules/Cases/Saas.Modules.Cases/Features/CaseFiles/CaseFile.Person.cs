using Saas.Modules.Cases.Features.CaseFiles;

namespace Saas.Modules.Cases;

/// <summary>The file's row version, its merge into another file and the change of its person data (issue 9).</summary>
internal sealed partial class CaseFile
{
    /// <summary>PostgreSQL's row version (xmin): two caseworkers changing one file cannot both win (docs/adr/0012).</summary>
    public uint Version { get; private set; }

    /// <summary>The file this one was merged into; set only by <see cref="MergeInto"/>.</summary>
    public Guid? MergedIntoId { get; private set; }

    public DateTimeOffset? MergedAt { get; private set; }

    public string? MergedBy { get; private set; }

    public bool IsActive => Status == CaseFileStatus.Active;

    /// <summary>This file's documents and cases went into <paramref name="target"/>; it stays, read-only, with its history.</summary>
    public void MergeInto(CaseFile target, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Id == Id)
        {
            throw CasesProblems.MergeIntoItself(Id);
        }

        CaseFileStatus.EnsureCanBecome(this, CaseFileStatus.Merged);
        if (!target.IsActive)
        {
            throw CasesProblems.FileNotMergeable(target.Id, target.Status);
        }

        Status = CaseFileStatus.Merged;
        MergedIntoId = target.Id;
        MergedAt = now;
        MergedBy = actor;
    }

    /// <summary>The person data as corrected after filing; the search keys follow the names. Returns the names of the fields that changed.</summary>
    public IReadOnlyList<string> ChangePerson(PersonData person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!IsActive)
        {
            throw CasesProblems.FileReadOnly(Id);
        }

        var changed = new List<string>();
        Set("surname", Surname, person.Surname, v => Surname = v);
        Set("givenNames", GivenNames, person.GivenNames, v => GivenNames = v);
        if (BirthDate != person.BirthDate)
        {
            BirthDate = person.BirthDate;
            changed.Add("birthDate");
        }

        Set("centralRegisterNumber", CentralRegisterNumber ?? "", person.CentralRegisterNumber ?? "",
            v => CentralRegisterNumber = v.Length == 0 ? null : v);
        if (!Nationalities.SequenceEqual(person.Nationalities, StringComparer.Ordinal))
        {
            Nationalities = [.. person.Nationalities];
            changed.Add("nationalities");
        }

        if (!NameVariants.SequenceEqual(person.NameVariants, StringComparer.Ordinal))
        {
            NameVariants = [.. person.NameVariants];
            changed.Add("nameVariants");
        }

        if (changed.Contains("surname") || changed.Contains("nameVariants"))
        {
            (PhoneticCodes, SearchName) = PersonKeys.SearchKeys(Surname, NameVariants);
        }

        return changed;

        void Set(string field, string before, string after, Action<string> apply)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                apply(after);
                changed.Add(field);
            }
        }
    }
}
