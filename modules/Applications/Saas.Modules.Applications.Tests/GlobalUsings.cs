global using System.Globalization;
global using System.Text.Json.Nodes;
global using Saas.Platform.Metadata;
global using Saas.Platform.Texts;
