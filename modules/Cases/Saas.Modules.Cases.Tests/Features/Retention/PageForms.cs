namespace Saas.Modules.Cases.Tests.Features.Retention;

/// <summary>
/// A signed-in person on the workbench pages the way a browser uses them: reads a page, takes its antiforgery token
/// (the client keeps the cookie) and posts the page's form, in a chosen language, without following redirects.
/// </summary>
internal sealed partial class PageForms
{
    private PageForms(HttpClient http, string tenant)
    {
        Http = http;
        Tenant = tenant;
    }

    public HttpClient Http { get; }

    public string Tenant { get; }

    public static PageForms For(TwoTenantsFixture fixture, string tenant, string user = "cw")
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.BaseAddress = new Uri(client.BaseAddress!, $"/t/{tenant}/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.TokenFor(tenant, $"{user}-{tenant}"));
        return new PageForms(client, tenant);
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path, string language = "de")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<string> PageAsync(string path, string language = "de")
    {
        var (status, html) = await GetAsync(path, language);
        status.ShouldBe(HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>Posts <paramref name="fields"/> (and the token of the page at <paramref name="page"/>) to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostAsync(string page, string action, IEnumerable<(string Name, string Value)> fields, string language = "de",
        (string Name, string FileName, byte[] Bytes)? upload = null)
    {
        var token = Token().Match(await PageAsync(page, language));
        token.Success.ShouldBeTrue($"{page} has no form");
        var all = fields.Append((Name: "__RequestVerificationToken", Value: WebUtility.HtmlDecode(token.Groups[1].Value))).ToList();
        HttpContent content;
        if (upload is { } file)
        {
            var form = new MultipartFormDataContent();
            var bytes = new ByteArrayContent(file.Bytes);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
            form.Add(bytes, file.Name, file.FileName);
            foreach (var (name, value) in all)
            {
                form.Add(new StringContent(value), name);
            }

            content = form;
        }
        else
        {
            content = new FormUrlEncodedContent(all.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = content };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return await Http.SendAsync(request);
    }

    /// <summary>Where a redirect of a page goes, within the authority's path.</summary>
    public string Location(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith($"/t/{Tenant}/");
        return location[$"/t/{Tenant}/".Length..];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
