using Microsoft.Extensions.Primitives;

namespace Saas.Modules.Studio.Tests.Features.Editors;

/// <summary>
/// The generated form's values and their binding back to JSON, on a schema with every shape the generator knows:
/// what is flattened binds to the same spec, and a forged name, a choice no select offers, text in a number field or a
/// name posted twice is refused at its field.
/// </summary>
public sealed class FormBinderTests
{
    private const string Schema = """
        {
          "type": "object", "additionalProperties": false, "required": ["name", "hours"],
          "properties": {
            "name": { "type": "string" },
            "years": { "type": "integer" },
            "ratio": { "type": "number" },
            "open": { "type": "boolean" },
            "trigger": { "enum": ["a", "b"] },
            "address": { "type": "object", "properties": { "city": { "type": "string" } } },
            "counters": { "type": "array", "items": { "type": "object", "properties": { "key": { "type": "string" }, "kind": { "enum": ["x", "y"] } } } },
            "tags": { "type": "array", "items": { "type": "string" } },
            "facts": { "type": "object", "additionalProperties": { "type": ["string", "number", "integer"] } },
            "hours": { "type": "object", "x-editor": "weekly-hours", "properties": { "monday": { "type": "array", "items": { "type": "string" } }, "sunday": { "type": "array", "items": { "type": "string" } } } },
            "hosts": { "type": "array", "x-operator-only": true, "items": { "type": "string" } }
          }
        }
        """;

    private static readonly SchemaField Root = SchemaFields.Parse(Schema);

    private static readonly CustomEditors Editors = new([new WeeklyHoursEditor()]);

    private static readonly JsonNode Spec = JsonNode.Parse("""
        {
          "name": "Hauptstelle", "years": 10, "ratio": 0.5, "open": false, "trigger": "b",
          "address": { "city": "Aachen" },
          "counters": [ { "key": "s1", "kind": "x" }, { "key": "s2" } ],
          "tags": ["eins", "zwei", "drei"],
          "facts": { "applications": 18080, "note": "12", "share": 1.5 },
          "hours": { "monday": ["08:00-12:00", "14:00-16:00"], "sunday": [] },
          "hosts": ["a.localhost"]
        }
        """)!;

    [Fact]
    public void ADocument_FlattenedIntoItsForm_BindsBackToTheSameSpec()
    {
        var state = FormFlattener.Flatten(Root, Spec, Editors);
        state["spec.hosts[0]"].ShouldBeNull(); // only the platform operator changes hosts: not in the form
        state["spec.hours.monday[1].to"].ShouldBe("16:00");
        var bound = new FormBinder(Editors).Bind(Root, state, Spec);
        bound.Problems.ShouldBeEmpty();
        SpecComparer.Equal(bound.Spec, Spec).ShouldBeTrue(bound.Spec.ToJsonString());
    }

    [Fact]
    public void AForgedName_AChoiceNoSelectOffers_TextInANumberField_AndANamePostedTwice_AreRefusedAtTheirFields()
    {
        var problems = new List<FieldProblem>();
        var form = Post(FormFlattener.Flatten(Root, Spec, Editors));
        form["spec.evil"] = "1";
        form["spec.trigger"] = "c";
        form["spec.years"] = "zehn";
        form["spec.counters[0].kind"] = new StringValues(["x", "y"]);
        form["spec.hosts[0]"] = "evil.example";
        var state = FormState.FromPost(form, problems);
        var bound = new FormBinder(Editors).Bind(Root, state, Spec, problems);

        bound.Ok.ShouldBeFalse();
        bound.Problems.Select(p => (p.Path, p.Text.Key)).ShouldBe(
        [
            ("$.spec.counters[0].kind", "studio.binding.posted-twice"),
            ("$.spec.years", "studio.binding.integer-expected"),
            ("$.spec.trigger", "studio.binding.not-offered"),
            ("$.spec.counters[0].kind", "studio.binding.not-offered"),
            ("$.spec.evil", "studio.binding.unknown-field"),
            ("$.spec.hosts[0]", "studio.binding.unknown-field"),
        ], ignoreOrder: true);
        state["spec.years"].ShouldBe("zehn"); // what was typed stays for the form shown again
    }

    [Fact]
    public void ListButtons_AddRemoveAndMoveRows_WithoutLosingWhatWasTyped()
    {
        var state = FormFlattener.Flatten(Root, Spec, Editors);
        state["spec.tags[1]"] = "zwei (geändert)";
        state.Move("spec.tags", 1, -1);
        state.Remove("spec.tags", 2);
        state.Add("spec.tags");
        state["spec.tags[2]"] = "neu";
        state.Add("spec.hours.sunday");
        state["spec.hours.sunday[0].from"] = "10:00";
        state["spec.hours.sunday[0].to"] = "12:00";
        state.Remove("spec.counters", 0);

        var bound = new FormBinder(Editors).Bind(Root, state, Spec);
        bound.Problems.ShouldBeEmpty();
        bound.Spec["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["zwei (geändert)", "eins", "neu"]);
        bound.Spec["hours"]!["sunday"]!.ToJsonString().ShouldBe("""["10:00-12:00"]""");
        bound.Spec["counters"]!.ToJsonString().ShouldBe("""[{"key":"s2"}]""");
        bound.Spec["hosts"]!.ToJsonString().ShouldBe("""["a.localhost"]"""); // kept as opened
    }

    [Fact]
    public void TheYamlWriter_KeepsTheOpenedText_WhenNothingChanged_AndWritesCleanYamlOtherwise()
    {
        const string original = "# Kommentar\nkind: test\nkey: k\nspec: { name: Hauptstelle, years: 10 }\n";
        var opened = JsonNode.Parse("""{"name":"Hauptstelle","years":10}""")!;
        YamlWriter.Write("test", "k", JsonNode.Parse("""{"years":10,"name":"Hauptstelle"}""")!.AsObject(), original, opened).ShouldBe(original);

        var changed = JsonNode.Parse("""{"name":"true","years":11,"tags":["a: b","08:00-12:00",""],"list":[{"k":"v","n":1}],"empty":{}}""")!.AsObject();
        YamlWriter.Write("test", "k", changed, original, opened).ShouldBe("""
            # Kommentar
            kind: test
            key: k
            spec:
              name: "true"
              years: 11
              tags:
                - "a: b"
                - "08:00-12:00"
                - ""
              list:
                - k: v
                  "n": 1
              empty: {}

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void AMultilineText_IsATextArea_WhoseLineEndingsBindAsTheYamlViewWritesThem()
    {
        var root = SchemaFields.Parse("""{ "type": "object", "properties": { "text": { "type": "string", "x-multiline": true }, "name": { "type": "string" } } }""");
        root.Properties.Single(c => c.Name == "text").Multiline.ShouldBeTrue();
        root.Properties.Single(c => c.Name == "name").Multiline.ShouldBeFalse();
        var spec = JsonNode.Parse("""{ "text": "Zollernstraße 10\n52070 Aachen", "name": "A\r\nB" }""")!;
        var form = Post(FormFlattener.Flatten(root, spec, Editors));
        form["spec.text"] = "Zollernstraße 10\r\n52070 Aachen";
        var problems = new List<FieldProblem>();
        var bound = new FormBinder(Editors).Bind(root, FormState.FromPost(form, problems), spec, problems);
        bound.Problems.ShouldBeEmpty();
        bound.Spec["text"]!.GetValue<string>().ShouldBe("Zollernstraße 10\n52070 Aachen");
        bound.Spec["name"]!.GetValue<string>().ShouldBe("A\r\nB", "a one-line field is taken as posted");
    }

    private static Dictionary<string, StringValues> Post(FormState state) =>
        state.Values.ToDictionary(v => v.Key, v => new StringValues(v.Value), StringComparer.Ordinal);
}
