// Namespaces most files of this project use; a file names only what is particular to it.
global using Microsoft.Extensions.DependencyInjection;
global using Npgsql;
global using Saas.Platform.Metadata;
global using Saas.Platform.Storage;
global using Saas.Platform.Tenancy;
global using Saas.Testing;
global using System.IO.Compression;
global using System.Net;
global using System.Net.Http.Headers;
global using System.Net.Http.Json;
global using System.Security.Cryptography;
global using System.Text;
global using System.Text.Json;
global using System.Text.RegularExpressions;
