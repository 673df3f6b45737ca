using Saas.Modules.Organization.Contracts;

namespace Saas.Modules.Workflows.Features.Definitions;

/// <summary>
/// The metadata kind <c>process</c> (docs/adr/0024): what one document can say is checked here — its schema, the
/// graph (unknown, unreachable and final states, ways out of every cycle), roles, legal bases, variables, and every
/// expression parsed and type-checked with errors located by line and column inside the YAML. Whether the document
/// types, units and letters it names exist is checked across the authority's documents (<see cref="ProcessReferences"/>).
/// </summary>
internal static class ProcessKind
{
    public const string Name = "process";

    /// <summary>The roles a guard may name: staff roles of the platform, and the platform itself for automatic steps.</summary>
    public static IReadOnlyList<string> Roles { get; } = [SaasRoles.Caseworker, SaasRoles.TenantAdmin, ICurrentActor.SystemRole];

    public static MetadataKind Create() => new(Name, WorkflowsModule.ModuleName, Schema)
    {
        Validate = Rules, ValidateDocument = ExpressionRules, ViewPage = "admin/processes/{key}", ViewText = "workflows.studio.view-diagram",
    };

    internal static IEnumerable<MetadataRuleError> Rules(JsonNode spec)
    {
        var definition = ProcessDefinition.Read("", spec);
        var states = new Dictionary<string, ProcessState>(StringComparer.Ordinal);
        foreach (var state in definition.States)
        {
            if (!states.TryAdd(state.Key, state))
            {
                yield return Error(state.Path + ".key", "workflows.rule.state-twice", ("state", state.Key));
            }
        }

        if (!states.ContainsKey(definition.Initial))
        {
            yield return Error("$.initial", "workflows.rule.unknown-state", ("state", definition.Initial));
        }

        if (!definition.States.Any(s => s.Final))
        {
            yield return Error("$.states", "workflows.rule.no-final-state");
        }

        foreach (var state in definition.States.Where(s => s.Final && s.Tasks.Count > 0))
        {
            yield return Error(state.Path + ".tasks", "workflows.rule.final-with-tasks", ("state", state.Key));
        }

        foreach (var (i, basis) in definition.LegalBases.Index())
        {
            if (!LegalBases.IsKnown(basis))
            {
                yield return Error($"$.legalBases[{i}]", "workflows.rule.unknown-legal-basis", ("value", basis), ("example", "AufenthG-18a"));
            }
        }

        foreach (var (name, type) in definition.Variables)
        {
            if (ProcessCompiler.IsReserved(name))
            {
                yield return Error("$.variables." + name, "workflows.rule.reserved-variable", ("name", name));
            }
            else if (!ExpressionType.TryParse(type, out _))
            {
                yield return Error("$.variables." + name, "workflows.rule.unknown-type", ("name", name), ("type", type));
            }
        }

        var deadlines = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deadline in definition.Deadlines)
        {
            if (!deadlines.Add(deadline.Key))
            {
                yield return Error(deadline.Path + ".key", "workflows.rule.deadline-twice", ("deadline", deadline.Key));
            }

            if ((deadline.After is null) == (deadline.Until is null))
            {
                yield return Error(deadline.Path, "workflows.rule.deadline-after-or-until", ("deadline", deadline.Key));
            }

            if (deadline.OnExpiry is { } expiry && definition.Transition(expiry) is null)
            {
                yield return Error(deadline.Path + ".onExpiry", "workflows.rule.unknown-transition", ("transition", expiry));
            }
        }

        var transitions = new HashSet<string>(StringComparer.Ordinal);
        var variables = definition.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var transition in definition.Transitions)
        {
            foreach (var error in TransitionRules(transition, transitions, states, deadlines, variables))
            {
                yield return error;
            }
        }

        foreach (var error in ActionRules(definition.StartActions, deadlines, atStart: true))
        {
            yield return error;
        }

        foreach (var error in GraphRules(definition, states))
        {
            yield return error;
        }
    }

    private static IEnumerable<MetadataRuleError> TransitionRules(ProcessTransition transition, HashSet<string> seen,
        Dictionary<string, ProcessState> states, HashSet<string> deadlines, HashSet<string> variables)
    {
        if (!seen.Add(transition.Key))
        {
            yield return Error(transition.Path + ".key", "workflows.rule.transition-twice", ("transition", transition.Key));
        }

        foreach (var (i, from) in transition.From.Index())
        {
            if (!states.TryGetValue(from, out var source))
            {
                yield return Error($"{transition.Path}.from[{i}]", "workflows.rule.unknown-state", ("state", from));
            }
            else if (source.Final)
            {
                yield return Error($"{transition.Path}.from[{i}]", "workflows.rule.from-final-state", ("state", from));
            }
        }

        if (!states.ContainsKey(transition.To))
        {
            yield return Error(transition.Path + ".to", "workflows.rule.unknown-state", ("state", transition.To));
        }

        foreach (var (i, role) in transition.Guard.Roles.Index())
        {
            if (!Roles.Contains(role, StringComparer.Ordinal))
            {
                yield return Error($"{transition.Path}.guard.roles[{i}]", "workflows.rule.unknown-role", ("role", role), ("known", string.Join(", ", Roles)));
            }
        }

        if (transition.IsAutomatic && (transition.Guard.Signing || transition.Guard.CoSign))
        {
            yield return Error(transition.Path + ".guard", "workflows.rule.automatic-signing", ("transition", transition.Key));
        }

        foreach (var (i, input) in transition.Inputs.Index())
        {
            if (!variables.Contains(input))
            {
                yield return Error($"{transition.Path}.inputs[{i}]", "workflows.rule.unknown-variable", ("name", input));
            }
        }

        foreach (var error in ActionRules(transition.Actions, deadlines))
        {
            yield return error;
        }
    }

    private static IEnumerable<MetadataRuleError> ActionRules(IEnumerable<ProcessAction> actions, HashSet<string> deadlines, bool atStart = false)
    {
        foreach (var action in actions)
        {
            if (atStart && action.Verb is ProcessAction.Decision or ProcessAction.OrderCard or ProcessAction.CancelDeadline)
            {
                yield return Error(action.Path, "workflows.rule.not-at-start", ("verb", action.Verb));
            }

            if (action.Verb.Length == 0)
            {
                yield return Error(action.Path, "workflows.rule.action-one-verb", ("verbs", string.Join(", ", ProcessAction.Verbs)));
                continue;
            }

            if (action.Verb is ProcessAction.StartDeadline or ProcessAction.CancelDeadline && !deadlines.Contains(action.Argument ?? ""))
            {
                yield return Error($"{action.Path}.{action.Verb}", "workflows.rule.unknown-deadline", ("deadline", action.Argument));
            }

            if (action.Verb == ProcessAction.Decision && action.Argument == "granted" && action.ValidUntil is null)
            {
                yield return Error(action.Path, "workflows.rule.grant-without-end");
            }
        }
    }

    /// <summary>Every state is reached from the initial one, and from every state that is not final some way leads to a final one.</summary>
    private static IEnumerable<MetadataRuleError> GraphRules(ProcessDefinition definition, Dictionary<string, ProcessState> states)
    {
        if (!states.ContainsKey(definition.Initial)
            || definition.Transitions.Any(t => !states.ContainsKey(t.To) || t.From.Any(f => !states.ContainsKey(f))))
        {
            yield break; // an unknown state is named above; the graph is judged once the names are right
        }

        var next = definition.States.ToDictionary(s => s.Key, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var transition in definition.Transitions.Where(t => states.ContainsKey(t.To)))
        {
            foreach (var from in transition.From.Where(states.ContainsKey))
            {
                next[from].Add(transition.To);
            }
        }

        var reached = new HashSet<string>(StringComparer.Ordinal) { definition.Initial };
        var queue = new Queue<string>([definition.Initial]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var to in next[state].Where(reached.Add))
            {
                queue.Enqueue(to);
            }
        }

        foreach (var state in definition.States.DistinctBy(s => s.Key).Where(s => !reached.Contains(s.Key)))
        {
            yield return Error(state.Path + ".key", "workflows.rule.unreachable-state", ("state", state.Key), ("initial", definition.Initial));
        }

        // Backwards from the final states: whatever cannot get there is a dead end or a cycle without exit.
        var finishes = new HashSet<string>(definition.States.Where(s => s.Final).Select(s => s.Key), StringComparer.Ordinal);
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (state, targets) in next)
            {
                if (!finishes.Contains(state) && targets.Overlaps(finishes))
                {
                    changed = finishes.Add(state) || changed;
                }
            }
        }

        foreach (var state in definition.States.DistinctBy(s => s.Key).Where(s => reached.Contains(s.Key) && !finishes.Contains(s.Key)))
        {
            var cycle = next[state.Key].Count > 0;
            yield return Error(state.Path + ".key", cycle ? "workflows.rule.cycle-without-exit" : "workflows.rule.dead-end", ("state", state.Key));
        }
    }

    /// <summary>Every expression compiles against the process's variables; its errors point into the YAML scalar.</summary>
    internal static IEnumerable<MetadataRuleError> ExpressionRules(MetadataRuleContext context)
    {
        var definition = ProcessDefinition.Read("", context.Spec);
        var (_, errors) = ProcessCompiler.Compile(definition, 0, context.Yaml, context.LocateValue);
        foreach (var (path, error) in errors)
        {
            yield return new MetadataRuleError(path, LocalizedText.Of("workflows.rule.expression", ("error", error.Message)))
            {
                Line = error.Line,
                Column = error.Column,
            };
        }
    }

    private static MetadataRuleError Error(string path, string key, params (string Name, object? Value)[] arguments) =>
        new(path, LocalizedText.Of(key, arguments));

    private const string Key = "^[a-z][a-z0-9-]{0,62}$";

    private const string Identifier = "^[a-z][a-zA-Z0-9_]{0,62}$";

    private const string Expression = """{ "type": "string", "minLength": 1, "maxLength": 4000 }""";

    private const string Actions = $$"""
        {
          "type": "array", "maxItems": 20,
          "items": {
            "type": "object", "additionalProperties": false, "minProperties": 1,
            "properties": {
              "start-deadline": { "type": "string", "pattern": "{{Identifier}}" },
              "cancel-deadline": { "type": "string", "pattern": "{{Identifier}}" },
              "letter": { "type": "string", "pattern": "{{Key}}" },
              "values": {
                "type": "object", "maxProperties": 30,
                "propertyNames": { "pattern": "{{Identifier}}" },
                "additionalProperties": {{Expression}}
              },
              "notify": { "type": "string", "pattern": "{{Key}}" },
              "decision": { "enum": ["granted", "refused", "withdrawn", "rejected-lack-of-jurisdiction"] },
              "validUntil": {{Expression}},
              "conditions": { "type": "array", "maxItems": 20, "items": { "type": "string", "minLength": 1, "maxLength": 500 } },
              "order-card": { "type": "boolean" },
              "emit": { "type": "string", "pattern": "{{Key}}" }
            }
          }
        }
        """;

    private const string Schema = $$"""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["name", "caseKind", "initial", "states", "transitions"],
          "properties": {
            "name": { "type": "string", "minLength": 2, "maxLength": 200 },
            "nameEn": { "type": "string", "minLength": 2, "maxLength": 200 },
            "description": { "type": "string", "maxLength": 2000 },
            "caseKind": { "type": "string", "pattern": "{{Key}}" },
            "legalBases": {
              "type": "array", "maxItems": 50, "uniqueItems": true,
              "items": { "type": "string", "pattern": "^AufenthG-[0-9]{1,3}[a-z]?$|^StAG-[0-9]{1,3}[a-z]?$" }
            },
            "variables": {
              "type": "object", "maxProperties": 100,
              "propertyNames": { "pattern": "^[a-z][a-zA-Z0-9_]*(\\.[a-z][a-zA-Z0-9_]*){0,3}$" },
              "additionalProperties": { "type": "string", "maxLength": 40 }
            },
            "initial": { "type": "string", "pattern": "{{Key}}" },
            "states": {
              "type": "array", "minItems": 2, "maxItems": 100,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["key", "name"],
                "properties": {
                  "key": { "type": "string", "pattern": "{{Key}}" },
                  "name": { "type": "string", "minLength": 2, "maxLength": 200 },
                  "nameEn": { "type": "string", "minLength": 2, "maxLength": 200 },
                  "final": { "type": "boolean" },
                  "outcome": { "type": "string", "pattern": "{{Key}}" },
                  "unit": { "type": "string", "pattern": "^[a-z0-9-]+$", "x-reference": "unit" },
                  "applicantStatus": { "type": "string", "enum": ["received", "in-review", "evidence-requested", "appointment-needed", "decided", "card-ready"] },
                  "tasks": {
                    "type": "array", "maxItems": 20,
                    "items": {
                      "type": "object", "additionalProperties": false, "required": ["key", "name"],
                      "properties": {
                        "key": { "type": "string", "pattern": "{{Key}}" },
                        "name": { "type": "string", "minLength": 2, "maxLength": 200 },
                        "nameEn": { "type": "string", "minLength": 2, "maxLength": 200 },
                        "unit": { "type": "string", "pattern": "^[a-z0-9-]+$", "x-reference": "unit" },
                        "specialisation": { "type": "string", "pattern": "^[a-z0-9-]{2,60}$" },
                        "due": {{Expression}}
                      }
                    }
                  }
                }
              }
            },
            "transitions": {
              "type": "array", "minItems": 1, "maxItems": 200,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["key", "name", "from", "to"],
                "properties": {
                  "key": { "type": "string", "pattern": "{{Key}}" },
                  "name": { "type": "string", "minLength": 2, "maxLength": 200 },
                  "nameEn": { "type": "string", "minLength": 2, "maxLength": 200 },
                  "from": { "type": "array", "minItems": 1, "maxItems": 100, "uniqueItems": true, "items": { "type": "string", "pattern": "{{Key}}" } },
                  "to": { "type": "string", "pattern": "{{Key}}" },
                  "guard": {
                    "type": "object", "additionalProperties": false,
                    "properties": {
                      "roles": { "type": "array", "maxItems": 10, "uniqueItems": true, "items": { "type": "string", "pattern": "{{Key}}" } },
                      "signing": { "type": "boolean" },
                      "coSign": { "type": "boolean" },
                      "documents": {
                        "type": "array", "maxItems": 30, "uniqueItems": true,
                        "items": { "type": "string", "pattern": "^[a-z0-9-]+$", "x-reference": "document-type" }
                      },
                      "when": {{Expression}}
                    }
                  },
                  "inputs": { "type": "array", "maxItems": 20, "uniqueItems": true, "items": { "type": "string", "maxLength": 200 } },
                  "actions": {{Actions}}
                }
              }
            },
            "startActions": {{Actions}},
            "deadlines": {
              "type": "array", "maxItems": 50,
              "items": {
                "type": "object", "additionalProperties": false, "required": ["key", "name"],
                "properties": {
                  "key": { "type": "string", "pattern": "{{Identifier}}" },
                  "name": { "type": "string", "minLength": 2, "maxLength": 200 },
                  "nameEn": { "type": "string", "minLength": 2, "maxLength": 200 },
                  "after": {{Expression}},
                  "until": {{Expression}},
                  "onExpiry": { "type": "string", "pattern": "{{Key}}" },
                  "escalations": {
                    "type": "array", "maxItems": 10,
                    "items": {
                      "type": "object", "additionalProperties": false, "required": ["after", "name"],
                      "properties": {
                        "after": {{Expression}},
                        "unit": { "type": "string", "pattern": "^[a-z0-9-]+$", "x-reference": "unit" },
                        "name": { "type": "string", "minLength": 2, "maxLength": 200 },
                        "nameEn": { "type": "string", "minLength": 2, "maxLength": 200 }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;
}
