namespace Saas.Modules.Workflows.Tests;

/// <summary>
/// The process the tests run: an extension of a residence permit as the seeds describe it — complete applications
/// are decided at once; incomplete ones get a request for evidence with a four-week deadline (escalated after three
/// weeks, expired into a decision); still open when the old permit expires → provisional certificate; refusal only
/// after a hearing, co-signed by a second person.
/// </summary>
internal static class TestProcess
{
    public const string Key = "verlaengerung";

    public const string CaseKind = "aufenthaltserlaubnis";

    public static IEnumerable<string> Supporting(string tenant) =>
    [
        "kind: document-type\nkey: antrag\nspec:\n  name: Antrag\n  nameEn: Application\n",
        "kind: document-type\nkey: pass\nspec:\n  name: Pass\n  nameEn: Passport\n",
        "kind: document-type\nkey: arbeitsvertrag\nspec:\n  name: Arbeitsvertrag\n  nameEn: Employment contract\n",
        "kind: unit\nkey: backoffice\nspec:\n  code: \"30.21\"\n  name: Backoffice\n",
        $"kind: staff\nkey: cw-{tenant}\nspec:\n  name: Sachbearbeitung\n  stage: qualified\n  units: [backoffice]\n  signingAuthorities: [AufenthG-18a]\n",
        $"kind: staff\nkey: cw2-{tenant}\nspec:\n  name: Zweite Sachbearbeitung\n  stage: qualified\n  units: [backoffice]\n  signingAuthorities: [AufenthG-18a, AufenthG-18b]\n",
        $"kind: staff\nkey: both-{tenant}\nspec:\n  name: In Ausbildung\n  stage: trainee\n  units: [backoffice]\n  signingAuthorities: [AufenthG-16a]\n",
    ];

    public const string Yaml = """
        kind: process
        key: verlaengerung
        spec:
          name: Verlängerung der Aufenthaltserlaubnis
          nameEn: Extension of a residence permit
          caseKind: aufenthaltserlaubnis
          legalBases: [AufenthG-18a, AufenthG-18b]
          variables:
            entscheidung.gueltigBis: date
          initial: eingegangen
          startActions:
            - start-deadline: titelablauf
          states:
            - key: eingegangen
              name: Eingegangen
              nameEn: Received
              unit: backoffice
              tasks:
                - key: vollstaendigkeit
                  name: Vollständigkeit prüfen
                  nameEn: Check completeness
                  due: 2 weeks
            - key: nachforderung
              name: Nachweise angefordert
              nameEn: Evidence requested
            - key: entscheidung
              name: Zur Entscheidung
              nameEn: Ready for decision
              unit: backoffice
              tasks:
                - key: entscheiden
                  name: Entscheiden
                  nameEn: Decide
            - key: fiktion
              name: Fiktionsbescheinigung
              nameEn: Provisional certificate
            - key: anhoerung
              name: Anhörung
              nameEn: Hearing
            - key: erteilt
              name: Erteilt
              nameEn: Granted
              final: true
              outcome: erteilt
            - key: abgelehnt
              name: Abgelehnt
              nameEn: Refused
              final: true
              outcome: abgelehnt
          transitions:
            - key: vollstaendig
              name: Vollständig – zur Entscheidung
              nameEn: Complete – to decision
              from: [eingegangen, nachforderung]
              to: entscheidung
              guard:
                roles: [caseworker]
                documents: [antrag, pass, arbeitsvertrag]
              actions:
                - cancel-deadline: nachweise
            - key: nachfordern
              name: Nachweise anfordern
              nameEn: Request evidence
              from: [eingegangen]
              to: nachforderung
              guard:
                roles: [caseworker]
                when: not contains(documents, "arbeitsvertrag") or not contains(documents, "pass")
              actions:
                - start-deadline: nachweise
                - notify: nachweise-angefordert
            - key: fristablauf
              name: Frist abgelaufen
              nameEn: Deadline passed
              from: [nachforderung]
              to: entscheidung
              guard:
                roles: [system]
            - key: fiktion-ausstellen
              name: Fiktionsbescheinigung ausstellen
              nameEn: Issue provisional certificate
              from: [eingegangen, nachforderung, entscheidung]
              to: fiktion
              guard:
                roles: [system]
            - key: erteilen
              name: Erteilen
              nameEn: Grant
              from: [entscheidung, fiktion]
              to: erteilt
              guard:
                roles: [caseworker]
                signing: true
                when: >-
                  entscheidung.gueltigBis > today()
                  and entscheidung.gueltigBis <= today() + 3 years
              inputs: [entscheidung.gueltigBis]
              actions:
                - decision: granted
                  validUntil: entscheidung.gueltigBis
                  conditions: [Erwerbstätigkeit erlaubt.]
                - order-card: true
                - emit: titel-erteilt
            - key: anhoeren
              name: Anhörung einleiten
              nameEn: Start hearing
              from: [entscheidung, fiktion]
              to: anhoerung
              guard:
                roles: [caseworker]
            - key: ablehnen
              name: Ablehnen
              nameEn: Refuse
              from: [anhoerung]
              to: abgelehnt
              guard:
                roles: [caseworker]
                signing: true
                coSign: true
              actions:
                - decision: refused
          deadlines:
            - key: nachweise
              name: Frist für Nachweise
              nameEn: Deadline for evidence
              after: 4 weeks
              onExpiry: fristablauf
              escalations:
                - after: 3 weeks
                  unit: backoffice
                  name: Frist für Nachweise läuft ab
                  nameEn: Evidence deadline running out
            - key: titelablauf
              name: Alter Titel läuft ab
              nameEn: Old title expires
              until: title.validUntil
              onExpiry: fiktion-ausstellen
        """;
}
