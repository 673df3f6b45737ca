using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Saas.Modules.Applications.Features.Definitions;
using Saas.Modules.Applications.Features.Validation;
using Saas.Platform.Web;

namespace Saas.Modules.Applications.Features.Portal;

/// <summary>An error shown at its field and in the summary at the top: the element's id, the field's label and the message.</summary>
internal sealed record ShownError(string Path, string Id, string Label, string Message);

/// <summary>
/// One step of a form as accessible HTML with KERN UX, decided on the server (docs/adr/0035): labels bound to inputs,
/// help and errors through <c>aria-describedby</c>, required marked in text, groups as fieldsets with legends,
/// repeating groups with "add"/"remove" as submit buttons, code lists as selects, a field hidden by its condition not
/// rendered, computed values read-only. Texts of the form in the reader's language, else German marked <c>lang="de"</c>.
/// With <see cref="ReadOnly"/> it lists the answers instead (the summary and the receipt).
/// </summary>
internal sealed class FormView(PortalForm form, JsonObject answers, SubmissionResult check, IReadOnlyDictionary<string, string[]> errors) : IHtmlContent
{
    /// <summary>The step to render; null renders every step (the read-only lists).</summary>
    public string? Step { get; init; }

    public bool ReadOnly { get; init; }

    private FormLayout Layout => form.Layout;

    private FormDefinition Form => form.Definition;

    /// <summary>The form's text in the reader's language, or German (marked with its language).</summary>
    public static IHtmlContent Text(FormTexts texts) => L.ChooseTx((L.Lang, texts[L.Lang]), ("de", texts["de"]));

    public static string Plain(FormTexts texts) => L.Choose((L.Lang, texts[L.Lang]), ("de", texts["de"]));

    /// <summary>The errors of this view, in the order of the form, with the label of the field they belong to.</summary>
    public IReadOnlyList<ShownError> ShownErrors()
    {
        var shown = new List<ShownError>();
        foreach (var (path, messages) in errors)
        {
            var label = LabelOf(path);
            shown.AddRange(messages.Select(m => new ShownError(path, FormLayout.IdOf(ElementPath(path)), label, m)));
        }

        return shown;
    }

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        var w = new Writer(writer, encoder);
        foreach (var step in Step is null ? Layout.Steps : [Step])
        {
            if (ReadOnly && Step is null && Layout.StepOf(step) is { } declared)
            {
                w.Raw("<h2 class=\"kern-heading-medium\">").Html(Text(declared.Title)).Raw("</h2>");
            }

            if (ReadOnly)
            {
                w.Raw("<dl class=\"saas-answers\">");
            }

            foreach (var field in Layout.TopFields(step))
            {
                Field(w, field, field.Key);
            }

            foreach (var group in Layout.TopGroups(step))
            {
                Group(w, group, group.Key);
            }

            if (ReadOnly)
            {
                w.Raw("</dl>");
            }
        }
    }

    private void Group(Writer w, FormGroup group, string path)
    {
        if (group.Repeats)
        {
            var entries = FormValues.Get(answers, path) is JsonArray list ? list.Count : 0;
            var count = ReadOnly ? entries : Math.Max(entries, group.Min);
            if (ReadOnly)
            {
                for (var i = 0; i < count; i++)
                {
                    w.Raw("<dt class=\"kern-heading-small\">").Html(Text(group.Label)).Raw(" ").Text((i + 1).ToString(CultureInfo.InvariantCulture)).Raw("</dt><dd><dl>");
                    Children(w, group, $"{path}[{i}]");
                    w.Raw("</dl></dd>");
                }

                return;
            }

            var id = FormLayout.IdOf(path);
            w.Raw("<fieldset class=\"kern-fieldset").Raw(errors.ContainsKey(path) ? " kern-fieldset--error" : "").Raw("\" id=\"").Attr(id).Raw("\"")
                .Raw(Describe(id, group.Help, path)).Raw("><legend class=\"kern-label\">").Html(Text(group.Label)).Raw("</legend>");
            Help(w, id, group.Help);
            Errors(w, id, path);
            for (var i = 0; i < count; i++)
            {
                var entry = $"{path}[{i}]";
                w.Raw("<fieldset class=\"kern-fieldset\" id=\"").Attr(FormLayout.IdOf(entry)).Raw("\"><legend class=\"kern-label\">")
                    .Html(L.Tx("applications.portal.entry", ("label", Plain(group.Label)), ("number", i + 1))).Raw("</legend>");
                Children(w, group, entry);
                if (count > group.Min)
                {
                    w.Raw("<button type=\"submit\" class=\"kern-btn kern-btn--tertiary\" name=\"aktion\" value=\"entfernen:").Attr(entry).Raw("\"><span class=\"kern-label\">")
                        .Html(L.Tx("applications.portal.remove", ("label", Plain(group.Label)), ("number", i + 1))).Raw("</span></button>");
                }

                w.Raw("</fieldset>");
            }

            if (count < group.Max)
            {
                w.Raw("<button type=\"submit\" class=\"kern-btn kern-btn--secondary\" name=\"aktion\" value=\"hinzufuegen:").Attr(path).Raw("\"><span class=\"kern-label\">")
                    .Html(L.Tx("applications.portal.add", ("label", Plain(group.Label)))).Raw("</span></button>");
            }

            w.Raw("</fieldset>");
            return;
        }

        if (ReadOnly)
        {
            w.Raw("<dt class=\"kern-heading-small\">").Html(Text(group.Label)).Raw("</dt><dd><dl>");
            Children(w, group, path);
            w.Raw("</dl></dd>");
            return;
        }

        var groupId = FormLayout.IdOf(path);
        w.Raw("<fieldset class=\"kern-fieldset\" id=\"").Attr(groupId).Raw("\"").Raw(Describe(groupId, group.Help, null)).Raw("><legend class=\"kern-label\">")
            .Html(Text(group.Label)).Raw("</legend>");
        Help(w, groupId, group.Help);
        Children(w, group, path);
        w.Raw("</fieldset>");
    }

    private void Children(Writer w, FormGroup group, string path)
    {
        foreach (var field in Layout.FieldsOf(group))
        {
            Field(w, field, path + "." + field.Key);
        }

        foreach (var child in Layout.ChildGroups(group))
        {
            Group(w, child, path + "." + child.Key);
        }
    }

    private void Field(Writer w, FormField field, string path)
    {
        if (check.Hidden.Contains(path))
        {
            return; // hidden by its condition: not rendered, not read, not required
        }

        var id = FormLayout.IdOf(path);
        if (ReadOnly)
        {
            if (field.Type == FormFieldType.Label)
            {
                return;
            }

            w.Raw("<dt>").Html(Text(field.Label)).Raw("</dt><dd>");
            var shown = field.Computed is not null ? check.Computed.GetValueOrDefault(path) is { } computed ? FormValues.ToNode(computed) : null : FormValues.Get(answers, path);
            w.Text(Display(field, shown));
            w.Raw("</dd>");
            return;
        }

        if (field.Type == FormFieldType.Label)
        {
            w.Raw("<div class=\"kern-body\" id=\"").Attr(id).Raw("\"><p class=\"kern-body\">").Html(Text(field.Label)).Raw("</p>");
            Help(w, id, field.Help);
            w.Raw("</div>");
            return;
        }

        if (field.Computed is not null)
        {
            // Computed on the server from the other answers; shown, never taken from the client.
            var value = check.Computed.GetValueOrDefault(path) is { } computed ? Display(field, FormValues.ToNode(computed)) : "–";
            w.Raw("<div class=\"kern-form-input\"><span class=\"kern-label\" id=\"").Attr(id).Raw("-label\">").Html(Text(field.Label)).Raw("</span> <output class=\"kern-body\" id=\"")
                .Attr(id).Raw("\" aria-labelledby=\"").Attr(id).Raw("-label\">").Text(value).Raw("</output>");
            Help(w, id, field.Help);
            w.Raw("</div>");
            return;
        }

        var current = FormValues.Get(answers, path);
        var failed = errors.Keys.Any(k => ElementPath(k) == path);
        var describedBy = Describe(id, field.Help, failed ? path : null, onlyIds: true);
        var aria = (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + (failed ? " aria-invalid=\"true\"" : "") + (field.Required ? " aria-required=\"true\"" : "");
        if (field.Type == FormFieldType.Boolean)
        {
            w.Raw("<div class=\"kern-form-check").Raw(failed ? " kern-form-check--error" : "").Raw("\">");
            Errors(w, id, path);
            w.Raw("<input class=\"kern-form-check__input\" type=\"checkbox\" value=\"true\" id=\"").Attr(id).Raw("\" name=\"").Attr(path).Raw("\"").Raw(aria)
                .Raw(FormValues.Text(current) is "true" or "on" or "yes" or "1" ? " checked" : "").Raw("><label class=\"kern-label\" for=\"").Attr(id).Raw("\">");
            Label(w, field);
            w.Raw("</label>");
            Help(w, id, field.Help);
            w.Raw("</div>");
            return;
        }

        if (field.Type == FormFieldType.Select && field.Multiple)
        {
            var chosen = (current as JsonArray)?.Select(FormValues.Text).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
            w.Raw("<fieldset class=\"kern-fieldset").Raw(failed ? " kern-fieldset--error" : "").Raw("\" id=\"").Attr(id).Raw("\"").Raw(aria).Raw("><legend class=\"kern-label\">");
            Label(w, field);
            w.Raw("</legend>");
            Help(w, id, field.Help);
            Errors(w, id, path);
            var n = 0;
            foreach (var code in Form.CodeListOf(field.CodeList)?.Codes ?? [])
            {
                var optionId = $"{id}-{n++}";
                w.Raw("<div class=\"kern-form-check\"><input class=\"kern-form-check__input\" type=\"checkbox\" id=\"").Attr(optionId).Raw("\" name=\"").Attr(path)
                    .Raw("\" value=\"").Attr(code.Code).Raw("\"").Raw(chosen.Contains(code.Code) ? " checked" : "").Raw("><label class=\"kern-label\" for=\"").Attr(optionId).Raw("\">")
                    .Html(Text(code.Label)).Raw("</label></div>");
            }

            w.Raw("</fieldset>");
            return;
        }

        w.Raw("<div class=\"kern-form-input").Raw(failed ? " kern-form-input--error" : "").Raw("\"><label class=\"kern-label\" for=\"").Attr(id).Raw("\">");
        Label(w, field);
        w.Raw("</label>");
        Help(w, id, field.Help);
        Errors(w, id, path);
        switch (field.Type)
        {
            case FormFieldType.Select:
                w.Raw("<div class=\"kern-form-input__select-wrapper\"><select class=\"kern-form-input__select\" id=\"").Attr(id).Raw("\" name=\"").Attr(path).Raw("\"").Raw(aria)
                    .Raw("><option value=\"\">").Html(L.Tx("applications.portal.choose")).Raw("</option>");
                var selected = FormValues.Text(current);
                foreach (var code in Form.CodeListOf(field.CodeList)?.Codes ?? [])
                {
                    w.Raw("<option value=\"").Attr(code.Code).Raw("\"").Raw(code.Code == selected ? " selected" : "").Raw(">").Text(Plain(code.Label)).Raw("</option>");
                }

                w.Raw("</select></div>");
                break;
            case FormFieldType.Multiline:
                w.Raw("<textarea class=\"kern-form-input__input\" rows=\"5\" id=\"").Attr(id).Raw("\" name=\"").Attr(path).Raw("\"").Raw(aria).Raw(MaxLength(field)).Raw(">")
                    .Text(FormValues.Text(current) ?? "").Raw("</textarea>");
                break;
            case FormFieldType.File:
                if (current is JsonObject evidence)
                {
                    w.Raw("<p class=\"kern-body kern-body--small\" id=\"").Attr(id).Raw("-current\">")
                        .Html(L.Tx("applications.portal.file-current", ("name", FormDefinition.Text(evidence["name"]) ?? ""), ("bytes", FormDefinition.Decimal(evidence["bytes"]) ?? 0))).Raw("</p>");
                }

                w.Raw("<input class=\"kern-form-input__input\" type=\"file\" id=\"").Attr(id).Raw("\" name=\"").Attr(path).Raw("\"").Raw(aria)
                    .Raw(field.Accept.Count > 0 ? $" accept=\"{w.Encode(string.Join(',', field.Accept))}\"" : "").Raw(">");
                break;
            default:
                var values = field.Multiple ? (current as JsonArray)?.Select(FormValues.Text).OfType<string>().ToList() ?? [] : [FormValues.Text(current) ?? ""];
                if (field.Multiple && values.Count < field.MaxItems)
                {
                    values.Add("");
                }

                for (var i = 0; i < values.Count; i++)
                {
                    w.Raw("<input class=\"kern-form-input__input\" type=\"").Raw(field.Type == FormFieldType.Date ? "date" : "text").Raw("\" id=\"").Attr(i == 0 ? id : $"{id}-{i}")
                        .Raw("\" name=\"").Attr(path).Raw("\"").Raw(aria).Raw(MaxLength(field))
                        .Raw(field.Type switch { FormFieldType.Number => " inputmode=\"numeric\"", FormFieldType.Decimal => " inputmode=\"decimal\"", _ => "" })
                        .Raw(field.Type == FormFieldType.Date && field.MinDate is { } min ? $" min=\"{min:yyyy-MM-dd}\"" : "")
                        .Raw(field.Type == FormFieldType.Date && field.MaxDate is { } max ? $" max=\"{max:yyyy-MM-dd}\"" : "")
                        .Raw(" value=\"").Attr(values[i]).Raw("\">");
                }

                break;
        }

        w.Raw("</div>");
    }

    private static string MaxLength(FormField field) => field.MaxLength is { } max ? $" maxlength=\"{max.ToString(CultureInfo.InvariantCulture)}\"" : "";

    private static void Label(Writer w, FormField field)
    {
        w.Html(Text(field.Label));
        if (field.Required)
        {
            w.Raw(" <span class=\"saas-required\">").Html(L.Tx("applications.portal.required")).Raw("</span>");
        }
    }

    private static void Help(Writer w, string id, FormTexts help)
    {
        if (!help.IsEmpty)
        {
            w.Raw("<div class=\"kern-hint\" id=\"").Attr(id).Raw("-hilfe\">").Html(Text(help)).Raw("</div>");
        }
    }

    private void Errors(Writer w, string id, string path)
    {
        var messages = errors.Where(e => ElementPath(e.Key) == path).SelectMany(e => e.Value).ToList();
        if (messages.Count > 0)
        {
            w.Raw("<p class=\"kern-error\" id=\"").Attr(id).Raw("-fehler\"><span class=\"kern-body\">");
            for (var i = 0; i < messages.Count; i++)
            {
                w.Raw(i > 0 ? " " : "").Text(messages[i]);
            }

            w.Raw("</span></p>");
        }
    }

    /// <summary>The ids of the help text and the error message, for <c>aria-describedby</c>.</summary>
    private string Describe(string id, FormTexts help, string? errorPath, bool onlyIds = false)
    {
        var ids = new List<string>();
        if (!help.IsEmpty)
        {
            ids.Add(id + "-hilfe");
        }

        if (errorPath is not null && errors.Keys.Any(k => ElementPath(k) == errorPath))
        {
            ids.Add(id + "-fehler");
        }

        var text = string.Join(' ', ids);
        return onlyIds ? text : ids.Count > 0 ? $" aria-describedby=\"{text}\"" : "";
    }

    /// <summary>The element an error path is shown at: a value of several (<c>staat[1]</c>) at its field.</summary>
    public string ElementPath(string path)
    {
        var field = FieldAt(path);
        if (field is not null || path.Length == 0 || !path.EndsWith(']'))
        {
            return path;
        }

        var trimmed = path[..path.LastIndexOf('[')];
        return FieldAt(trimmed) is not null ? trimmed : path;
    }

    private FormField? FieldAt(string path)
    {
        var parts = FormValues.Parse(path);
        if (parts.Count == 0 || parts[^1].Index is not null)
        {
            return null;
        }

        FormGroup? group = null;
        for (var i = 0; i < parts.Count - 1; i++)
        {
            group = Form.Groups.FirstOrDefault(g => g.Key == parts[i].Key && (group is null ? Form.GroupOf(g.Parent) is null : g.Parent == group.Key));
            if (group is null)
            {
                return null;
            }
        }

        return Form.Fields.FirstOrDefault(f => f.Key == parts[^1].Key && (group is null ? Form.GroupOf(f.Group) is null : f.Group == group.Key));
    }

    private string LabelOf(string path)
    {
        var element = ElementPath(path);
        if (FieldAt(element) is { } field)
        {
            return Plain(field.Label);
        }

        var last = FormValues.Parse(element).LastOrDefault().Key;
        return Form.Groups.FirstOrDefault(g => g.Key == last) is { } group ? Plain(group.Label) : Plain(Form.Title);
    }

    /// <summary>
    /// The accepted answers as plain lines, for a letter (the Eingangsbestätigung): the field's label — with the entry's
    /// number inside repeating groups, "Name des Kindes (2)" — and the answer as the applicant reads it, in the current language.
    /// </summary>
    public IReadOnlyList<(string Label, string Answer)> AnswerLines() =>
        [.. check.Accepted.Select(a => (LineLabel(a.Path, a.Field), Display(a.Field, FormValues.Get(answers, a.Path))))];

    private static string LineLabel(string path, FormField field)
    {
        var entries = FormValues.Parse(path).Where(p => p.Index is not null).Select(p => (p.Index!.Value + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        return entries.Count == 0 ? Plain(field.Label) : $"{Plain(field.Label)} ({string.Join('.', entries)})";
    }

    /// <summary>An answer as the applicant reads it: a code by its label, yes or no, a file by its name.</summary>
    private string Display(FormField field, JsonNode? value)
    {
        if (value is JsonArray list)
        {
            return list.Count == 0 ? "–" : string.Join(", ", list.Select(v => Display(field, v)));
        }

        if (value is JsonObject evidence)
        {
            return L.T("applications.portal.file-answer", ("name", FormDefinition.Text(evidence["name"]) ?? ""), ("bytes", FormDefinition.Decimal(evidence["bytes"]) ?? 0));
        }

        var text = FormValues.Text(value);
        if (string.IsNullOrEmpty(text))
        {
            return "–";
        }

        return field.Type switch
        {
            FormFieldType.Boolean => L.T(text is "true" or "on" or "yes" or "1" ? "applications.portal.yes" : "applications.portal.no"),
            FormFieldType.Select => Form.CodeListOf(field.CodeList)?.Codes.FirstOrDefault(c => c.Code == text) is { } code ? Plain(code.Label) : text,
            FormFieldType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => L.Date(date),
            _ => text,
        };
    }

    /// <summary>Writes markup as given and text through the page's encoder (which leaves every script's letters as they are).</summary>
    private sealed class Writer(TextWriter writer, HtmlEncoder encoder)
    {
        public Writer Raw(string html)
        {
            writer.Write(html);
            return this;
        }

        public Writer Text(string text)
        {
            encoder.Encode(writer, text);
            return this;
        }

        public Writer Attr(string text) => Text(text);

        public Writer Html(IHtmlContent content)
        {
            content.WriteTo(writer, encoder);
            return this;
        }

        public string Encode(string text) => encoder.Encode(text);
    }
}
