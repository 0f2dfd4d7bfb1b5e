namespace Picopyn.Generators.Schema;

/// <summary>A column of a table in the schema.</summary>
/// <param name="Name">Its name, as Picodata stores it (unquoted names folded to lower case).</param>
/// <param name="Type">Its type, synonyms folded.</param>
/// <param name="IsNullable">Whether it takes NULL (primary-key columns never do).</param>
/// <param name="IsHidden">The <c>bucket_id</c> of a sharded table: selectable by name, never part of <c>*</c>, never written.</param>
internal sealed record SchemaColumn(string Name, PicoType Type, bool IsNullable, bool IsHidden = false);
