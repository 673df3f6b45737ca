using Saas.Modules.Cases.Features.PersonSearch;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>A person's data as a file keeps it, checked and trimmed (<see cref="PersonRules.Check"/>).</summary>
internal sealed record PersonData(string Surname, string GivenNames, DateOnly? BirthDate, IReadOnlyList<string> Nationalities,
    IReadOnlyList<string> NameVariants, string? CentralRegisterNumber);

/// <summary>What person search needs of a name: Kölner Phonetik of the surname and every variant, and the text for trigram search.</summary>
internal static class PersonKeys
{
    public static (List<string> PhoneticCodes, string SearchName) SearchKeys(string surname, IReadOnlyList<string> variants) => (
        [.. new[] { surname }.Concat(variants).Select(KoelnerPhonetik.Encode).Where(c => c.Length > 0).Distinct()],
        string.Join(' ', new[] { surname.Trim() }.Concat(variants)).ToLowerInvariant());
}

/// <summary>
/// The rules for person fields, the same when a file is opened and when its person data is corrected: lengths and
/// formats, each refusal naming its field (Hardening item 6); the AZR number has twelve digits; nationalities are
/// ISO-3 codes of the code list, except values the file already had before the list (they stay as written).
/// </summary>
internal sealed class PersonRules(NationalityList nationalities, ITexts texts, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxNameVariants = 20;
    public const int MaxNationalities = 10;
    public const int AzrDigits = 12;

    public PersonData Check(string? surname, string? givenNames, DateOnly? birthDate, IEnumerable<string>? nationalityValues,
        IEnumerable<string>? nameVariants, string? centralRegisterNumber, IReadOnlyCollection<string>? earlierNationalities = null)
    {
        var variantList = (nameVariants ?? []).ToList();
        var nationalityList = (nationalityValues ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        Limit("surname", surname, MaxNameLength);
        Limit("givenNames", givenNames, MaxNameLength);
        if (variantList.Count > MaxNameVariants)
        {
            throw CasesProblems.PersonFieldInvalid("nameVariants", MaxNameVariants);
        }

        variantList.ForEach(v => Limit("nameVariants", v, MaxNameLength));
        if (nationalityList.Count > MaxNationalities)
        {
            throw CasesProblems.PersonFieldInvalid("nationalities", MaxNationalities);
        }

        var earlier = earlierNationalities ?? [];
        var codes = new List<string>();
        foreach (var value in nationalityList.Select(n => n.Trim()))
        {
            if (earlier.Contains(value))
            {
                codes.Add(value); // written before the code list: kept as it is
                continue;
            }

            Limit("nationalities", value, 3);
            var code = value.ToUpperInvariant();
            codes.Add(nationalities.IsCode(code) ? code : throw CasesProblems.UnknownNationality(value));
        }

        var azr = centralRegisterNumber?.Trim() ?? "";
        if (azr.Length > 0 && (azr.Length != AzrDigits || !azr.All(char.IsAsciiDigit)))
        {
            throw CasesProblems.PersonFieldInvalid("centralRegisterNumber", AzrDigits); // the page names the twelve digits next to the field
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(surname))
        {
            errors["surname"] = [texts["cases.casefiles.surname-missing"]];
        }

        if (birthDate is { } birth && (birth.Year < 1900 || birth > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
        {
            errors["birthDate"] = [texts["cases.casefiles.birth-date-implausible"]];
        }

        if (errors.Count > 0)
        {
            throw CasesProblems.InvalidCaseFile(errors);
        }

        return new PersonData(surname!.Trim(), givenNames?.Trim() ?? "", birthDate, [.. codes.Distinct(StringComparer.Ordinal)],
            [.. variantList.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct()], azr.Length == 0 ? null : azr);
    }

    public static void Limit(string field, string? value, int max)
    {
        if (value is not null && (value.Trim().Length > max || value.Any(char.IsControl)))
        {
            throw CasesProblems.PersonFieldInvalid(field, max);
        }
    }
}
