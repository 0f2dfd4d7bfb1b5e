using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Picopyn.Cli.Verify;

/// <summary>
/// Reads the <c>[assembly: PicoQueryManifest(...)]</c> attributes the generator wrote into an app's
/// assembly, from its metadata alone: the assembly is never loaded or run.
/// </summary>
internal static class ManifestReader
{
    private const string AttributeNamespace = "Picopyn";
    private const string AttributeName = "PicoQueryManifestAttribute";

    public static List<QueryManifest> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{assemblyPath} is not a .NET assembly.");
        }

        var metadata = pe.GetMetadataReader();
        var manifests = new List<QueryManifest>();
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (!IsManifest(metadata, attribute))
            {
                continue;
            }

            var value = attribute.DecodeValue(new StringArgumentProvider());
            var arguments = value.FixedArguments;
            manifests.Add(new QueryManifest(
                (string)arguments[0].Value!,
                (string)arguments[1].Value!,
                Strings(arguments[2]),
                Strings(arguments[3]).Select(Column).ToList()));
        }

        return manifests.OrderBy(m => m.Method, StringComparer.Ordinal).ToList();
    }

    private static bool IsManifest(MetadataReader metadata, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            return false;
        }

        var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return metadata.StringComparer.Equals(type.Name, AttributeName) && metadata.StringComparer.Equals(type.Namespace, AttributeNamespace);
    }

    private static List<string> Strings(CustomAttributeTypedArgument<string> argument) =>
        argument.Value is ImmutableArray<CustomAttributeTypedArgument<string>> items ? items.Select(i => (string)i.Value!).ToList() : [];

    // "name:type" or "name:type?"; a column name may itself hold ':' (a quoted identifier), the type never does.
    private static (string Name, string Type, bool Nullable) Column(string text)
    {
        var split = text.LastIndexOf(':');
        var type = text[(split + 1)..];
        var nullable = type.EndsWith('?');
        return (text[..split], nullable ? type[..^1] : type, nullable);
    }

    // The manifest's arguments are strings and string arrays: the only types this provider must name.
    private sealed class StringArgumentProvider : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
