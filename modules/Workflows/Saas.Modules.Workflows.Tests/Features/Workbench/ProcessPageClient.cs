using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Saas.Modules.Workflows.Tests.Features.Workbench;

/// <summary>
/// One member of staff of one authority at the workbench, as a browser without JavaScript would be: reads a page,
/// takes the fields of one of its forms (by the form's id) exactly as the HTML would post them, changes some, and
/// posts them with the antiforgery token to the form's action. Redirects are not followed; cookies are kept.
/// </summary>
internal sealed partial class ProcessPageClient : IDisposable
{
    private readonly HttpClient http;

    public ProcessPageClient(TwoTenantsFixture fixture, string tenant, string user)
    {
        Tenant = tenant;
        User = $"{user}-{tenant}";
        http = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(tenant, User));
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
    }

    public string Tenant { get; }

    public string User { get; }

    /// <summary>A path of the authority (<c>workbench/…</c>), or a path the host wrote (a redirect's location) as it is.</summary>
    public string Path(string relative) => relative.StartsWith("/t/", StringComparison.Ordinal) ? relative : $"/t/{Tenant}/{relative.TrimStart('/')}";

    public static string CasePage(Guid caseId) => $"workbench/cases/{caseId}/process";

    public Task<HttpResponseMessage> GetAsync(string relative) => http.GetAsync(Path(relative));

    public async Task<string> PageAsync(string relative)
    {
        var response = await GetAsync(relative);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    public async Task<JsonElement> ApiAsync(string relative)
    {
        var response = await GetAsync(relative);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public async Task<(HttpStatusCode Status, string Body)> PostJsonAsync(string relative, object body)
    {
        var response = await http.PostAsJsonAsync(Path(relative), body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The process as the API reads it (state, row version, steps).</summary>
    public Task<JsonElement> ProcessAsync(Guid caseId) => ApiAsync($"api/workflows/cases/{caseId}/process");

    /// <summary>The fields of the form with <paramref name="formId"/>, as a browser posts them, and its action.</summary>
    public static (string Action, List<KeyValuePair<string, string>> Fields) Form(string html, string formId)
    {
        var form = FormRegex().Matches(html).FirstOrDefault(m => Attributes(m.Value).GetValueOrDefault("id") == formId)
                   ?? throw new InvalidOperationException($"The page has no form {formId}.");
        var action = Attributes(form.Value)["action"];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match field in FieldRegex().Matches(form.Groups["body"].Value))
        {
            var attributes = Attributes(field.Value);
            if (!attributes.TryGetValue("name", out var name) || attributes.ContainsKey("disabled"))
            {
                continue;
            }

            if (field.Value.StartsWith("<input", StringComparison.Ordinal))
            {
                var type = attributes.GetValueOrDefault("type", "text");
                if (type is "submit" or "button" or "file" || (type is "checkbox" or "radio" && !attributes.ContainsKey("checked")))
                {
                    continue;
                }

                fields.Add(new(name, attributes.GetValueOrDefault("value", "")));
            }
            else if (field.Value.StartsWith("<select", StringComparison.Ordinal))
            {
                var options = OptionRegex().Matches(field.Groups["content"].Value).Select(o => Attributes(o.Value)).ToList();
                var chosen = options.FirstOrDefault(o => o.ContainsKey("selected")) ?? options.FirstOrDefault();
                if (chosen is not null)
                {
                    fields.Add(new(name, chosen.GetValueOrDefault("value", "")));
                }
            }
            else
            {
                var text = WebUtility.HtmlDecode(field.Groups["content"].Value);
                fields.Add(new(name, text.StartsWith('\n') ? text[1..] : text));
            }
        }

        return (action, fields);
    }

    /// <summary>Posts the form <paramref name="formId"/> of <paramref name="html"/> with <paramref name="change"/> applied to its fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string html, string formId, Action<List<KeyValuePair<string, string>>>? change = null)
    {
        var (action, fields) = Form(html, formId);
        change?.Invoke(fields);
        var token = TokenRegex().Match(html);
        token.Success.ShouldBeTrue("the page has no antiforgery token");
        var all = fields.Where(f => f.Key != "__RequestVerificationToken").ToList();
        all.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts to another page's action with the token of <paramref name="html"/> (a form aimed at what the person may not reach).</summary>
    public async Task<HttpResponseMessage> PostToAsync(string action, string html, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = TokenRegex().Match(html);
        var all = fields.Where(f => f.Key != "__RequestVerificationToken").ToList();
        all.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    public static void Set(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        var index = fields.FindIndex(f => f.Key == name);
        if (index < 0)
        {
            fields.Add(new(name, value));
        }
        else
        {
            fields[index] = new(name, value);
        }
    }

    /// <summary>The text of an element with an id (tags removed, entities decoded, white space folded).</summary>
    public static string TextOf(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, $"the page has no element {id}");
        var open = html.LastIndexOf('<', start);
        var tag = TagName().Match(html[open..]).Groups[1].Value;
        var depth = 0;
        var i = open;
        foreach (Match m in new Regex($"<(/?){tag}\\b[^>]*>").Matches(html[open..]))
        {
            depth += m.Groups[1].Value.Length == 0 ? 1 : -1;
            if (depth == 0)
            {
                i = open + m.Index + m.Length;
                break;
            }
        }

        return Plain(html[open..i]);
    }

    public static string Plain(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    public void Dispose() => http.Dispose();

    private static Dictionary<string, string> Attributes(string tag)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = tag[..(tag.IndexOf('>', StringComparison.Ordinal) + 1)];
        foreach (Match a in AttributeRegex().Matches(open))
        {
            attributes[a.Groups["name"].Value] = WebUtility.HtmlDecode(a.Groups["value"].Success ? a.Groups["value"].Value : "");
        }

        return attributes;
    }

    [GeneratedRegex("<form [^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input\\b[^>]*>|<select\\b[^>]*>(?<content>.*?)</select>|<textarea\\b[^>]*>(?<content>.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex FieldRegex();

    [GeneratedRegex("<option\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex OptionRegex();

    [GeneratedRegex("\\s(?<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"(?<value>[^\"]*)\")?")]
    private static partial Regex AttributeRegex();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("^<([a-zA-Z0-9]+)")]
    private static partial Regex TagName();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
