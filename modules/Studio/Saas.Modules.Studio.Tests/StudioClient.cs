using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Saas.Platform.Identity;
using Saas.Testing;

namespace Saas.Modules.Studio.Tests;

/// <summary>
/// A tenant admin of one authority in the studio, as a browser without JavaScript would be: reads a page, takes the
/// fields of one of its forms exactly as the HTML would post them (inputs, selected options, text areas; no buttons,
/// unchecked boxes or disabled fields), changes some, and posts them with the antiforgery token. Redirects are not followed.
/// </summary>
internal sealed partial class StudioClient : IDisposable
{
    public const string DisplayName = "Anna Admin";

    private readonly HttpClient http;

    public StudioClient(SaasAppFactory app, string tenant, string? subject = null, string displayName = DisplayName)
    {
        Tenant = tenant;
        Subject = subject ?? $"admin-{tenant}";
        http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = TestTokens.Issue(app, tenant, Subject, [SaasRoles.TenantAdmin], displayName: displayName);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
    }

    public string Tenant { get; }

    public string Subject { get; }

    public string Path(string relative) => $"/t/{Tenant}{relative}";

    public Task<HttpResponseMessage> GetAsync(string relative) => http.GetAsync(Path(relative));

    public async Task<string> PageAsync(string relative)
    {
        var response = await GetAsync(relative);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => http.SendAsync(request);

    /// <summary>The fields of the form whose action contains <paramref name="handler"/>, as a browser posts them.</summary>
    public static List<KeyValuePair<string, string>> Form(string html, string handler)
    {
        var form = FormRegex().Matches(html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["action"].Value).Contains("handler=" + handler, StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"The page has no form for {handler}.");
        var body = form.Groups["body"].Value;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match field in FieldRegex().Matches(body))
        {
            var tag = field.Value;
            var attributes = Attributes(tag);
            if (!attributes.TryGetValue("name", out var name) || attributes.ContainsKey("disabled"))
            {
                continue;
            }

            if (tag.StartsWith("<input", StringComparison.Ordinal))
            {
                var type = attributes.GetValueOrDefault("type", "text");
                if (type is "submit" or "button" or "file" || (type is "checkbox" or "radio" && !attributes.ContainsKey("checked")))
                {
                    continue;
                }

                fields.Add(new(name, attributes.GetValueOrDefault("value", type is "checkbox" ? "on" : "")));
            }
            else if (tag.StartsWith("<select", StringComparison.Ordinal))
            {
                var options = OptionRegex().Matches(field.Groups["content"].Value).Select(o => Attributes(o.Value)).ToList();
                var chosen = options.FirstOrDefault(o => o.ContainsKey("selected")) ?? options.FirstOrDefault();
                if (chosen is not null)
                {
                    fields.Add(new(name, chosen.GetValueOrDefault("value", "")));
                }
            }
            else if (tag.StartsWith("<textarea", StringComparison.Ordinal))
            {
                var text = WebUtility.HtmlDecode(field.Groups["content"].Value);
                // A browser drops the one line end that follows the opening tag.
                fields.Add(new(name, text.StartsWith('\n') ? text[1..] : text));
            }
        }

        return fields;
    }

    /// <summary>Posts a form of <paramref name="relative"/>'s page, with <paramref name="change"/> applied to its fields first.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string relative, string handler, Action<List<KeyValuePair<string, string>>>? change = null, string? html = null)
    {
        html ??= await PageAsync(relative);
        var fields = Form(html, handler);
        change?.Invoke(fields);
        return await PostAsync(relative, handler, fields, html);
    }

    /// <summary>Posts exactly <paramref name="fields"/> (and the antiforgery token of <paramref name="html"/>) to a page handler.</summary>
    public async Task<HttpResponseMessage> PostAsync(string relative, string handler, IEnumerable<KeyValuePair<string, string>> fields, string? html = null)
    {
        html ??= await PageAsync(relative);
        var token = TokenRegex().Match(html);
        token.Success.ShouldBeTrue("the page has no antiforgery token");
        var all = fields.Where(f => f.Key != "__RequestVerificationToken").ToList();
        all.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        var separator = relative.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return await http.PostAsync(Path(relative) + separator + "handler=" + handler, new FormUrlEncodedContent(all));
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

    public async Task<HttpResponseMessage> PutYamlAsync(string yaml, int? basedOn = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Path("/api/studio/documents" + (basedOn is null ? "" : $"?basedOn={basedOn}")))
        {
            Content = new StringContent(yaml, Encoding.UTF8, "application/yaml"),
        };
        return await http.SendAsync(request);
    }

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

    [GeneratedRegex("<form [^>]*action=\"(?<action>[^\"]*)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input\\b[^>]*>|<select\\b[^>]*>(?<content>.*?)</select>|<textarea\\b[^>]*>(?<content>.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex FieldRegex();

    [GeneratedRegex("<option\\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex OptionRegex();

    [GeneratedRegex("\\s(?<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"(?<value>[^\"]*)\")?")]
    private static partial Regex AttributeRegex();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
