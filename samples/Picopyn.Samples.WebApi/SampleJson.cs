using System.Text.Json;
using System.Text.Json.Serialization;

namespace Picopyn.Samples.WebApi;

/// <summary>JSON for the API's types, generated at build time (no reflection, as under Native AOT).</summary>
[JsonSerializable(typeof(User))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class SampleJson : JsonSerializerContext;
