// Namespaces most files of this project use; a file names only what is particular to it.
global using Microsoft.AspNetCore.Hosting;
global using Saas.Testing;
global using System.Net;
global using System.Net.Http.Headers;
global using System.Text.Json;
