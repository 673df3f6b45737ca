namespace Saas.Modules.Applications.Features.Definitions;

/// <summary>Which answers name the applicant (paths of the form's fields): for finding their file or opening one.</summary>
internal sealed record IntakePerson(string Surname, string? GivenNames, string? BirthDate, string? FileNumber);

/// <summary>
/// How a submission of the form enters the e-Akte (docs/adr/0042): the process to start (its published version's
/// case kind is the case opened), the legal basis when the process has several, the case's title, the document type
/// of evidence whose field names none, which answers name the person, the letter filed as the Eingangsbestätigung, and
/// the letter a message from the applicant is filed as (docs/adr/0044).
/// A form without it stays in the online intake for a caseworker to file by hand.
/// </summary>
internal sealed record FormIntake(string Process, string? LegalBasis, FormTexts Title, string DocumentType, IntakePerson Person, string? ReceiptLetter,
    string? MessageLetter = null)
{
    public const string Path = "$.intake";

    public static FormIntake? Read(JsonNode? node) => node is not JsonObject intake
        ? null
        : new FormIntake(FormDefinition.Text(intake["process"]) ?? "", FormDefinition.Text(intake["legalBasis"]), FormDefinition.Texts(intake["title"]),
            FormDefinition.Text(intake["documentType"]) ?? "sonstiges",
            new IntakePerson(FormDefinition.Text(intake["person"]?["surname"]) ?? "", FormDefinition.Text(intake["person"]?["givenNames"]),
                FormDefinition.Text(intake["person"]?["birthDate"]), FormDefinition.Text(intake["person"]?["fileNumber"])),
            FormDefinition.Text(intake["receiptLetter"]), FormDefinition.Text(intake["messageLetter"]));

    public const string Schema = """
        { "type": "object", "additionalProperties": false, "required": ["process", "person"], "properties": {
            "process": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
            "legalBasis": { "type": "string", "minLength": 1, "maxLength": 100 },
            "title": { "type": "object", "additionalProperties": { "type": "string", "minLength": 1, "maxLength": 300 } },
            "documentType": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
            "receiptLetter": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
            "messageLetter": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,62}$" },
            "person": { "type": "object", "additionalProperties": false, "required": ["surname"], "properties": {
              "surname": { "type": "string", "minLength": 1, "maxLength": 1000 },
              "givenNames": { "type": "string", "minLength": 1, "maxLength": 1000 },
              "birthDate": { "type": "string", "minLength": 1, "maxLength": 1000 },
              "fileNumber": { "type": "string", "minLength": 1, "maxLength": 1000 } } } } }
        """;

    /// <summary>Each person path must name a field outside repeating groups, of a type that can hold it.</summary>
    public IEnumerable<(string Path, string Field, string Expected)> Mismatches(FormDefinition form)
    {
        foreach (var (name, field, expected) in new[]
        {
            ("surname", (string?)Person.Surname, FormFieldType.Text), ("givenNames", Person.GivenNames, FormFieldType.Text),
            ("birthDate", Person.BirthDate, FormFieldType.Date), ("fileNumber", Person.FileNumber, FormFieldType.Text),
        })
        {
            if (field is null)
            {
                continue;
            }

            var found = form.Fields.FirstOrDefault(f => f.FullPath == field);
            if (found is null || found.Type != expected || found.Multiple || form.RepeatingGroupOf(found) is not null)
            {
                yield return ($"{Path}.person.{name}", field, expected.ToString().ToLowerInvariant());
            }
        }
    }
}
