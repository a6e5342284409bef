using System.Globalization;
using System.Text;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;
using Retrain.Engine.Tests.Training;
using Retrain.Engine.Training;
using Xunit;

namespace Retrain.Engine.Tests.Data;

/// <summary>Fleet exports as they come: a text 'site' column, unit ids like ENG-1, columns nobody asked for.</summary>
public sealed class TextColumnTests
{
    private const string Fleet =
        "unit,cycle,site,s2,s3,rul\n" +
        "ENG-1,1,north,641.8,1589.7,3\n" +
        "ENG-1,2,north,642.1,1590.2,2\n" +
        "ENG-2,1,south,642.5,1588.1,1\n" +
        "ENG-10,1,south,643.0,1591.0,0\n";

    private static Dataset Read(string text, DatasetReadOptions? options = null) =>
        CsvDatasetReader.Read(new StringReader(text), "fleet.csv", options);

    [Fact]
    public void Text_columns_are_read_as_labels_and_number_columns_stay_numbers()
    {
        var data = Read(Fleet);

        Assert.Equal(["unit", "cycle", "site", "s2", "s3", "rul"], data.ColumnNames);
        Assert.True(data.IsText("unit"));
        Assert.True(data.IsText("site"));
        Assert.False(data.IsText("s2"));
        Assert.Equal([641.8, 642.1, 642.5, 643.0], data.Column("s2"));
        var units = data.Labels("unit");
        Assert.Equal(["ENG-1", "ENG-2", "ENG-10"], units.Labels); // natural order, not ordinal
        Assert.Equal([0, 0, 1, 2], units.Codes);
        Assert.Equal("south", data.Value("site", 3));
    }

    [Fact]
    public void A_text_column_used_as_numbers_names_the_file_line_and_value()
    {
        var data = Read("s2,site\n1,2\n3,north\n");

        var e = Assert.Throws<DataException>(() => data.Column("site"));
        Assert.Equal("fleet.csv line 3, column 'site': 'north' is not a number.", e.Message);
        Assert.Equal(3, e.Row);
        Assert.Equal("site", e.Column);
        // The numbers before the first text cell are labels too.
        Assert.Equal(["2", "north"], data.Labels("site").Labels);
    }

    [Fact]
    public void Columns_a_command_does_not_use_are_not_parsed()
    {
        // 'junk' is neither number nor text that anything could use; 'notes' is empty on one row.
        var text = "unit,cycle,junk,notes,s2,s3,rul\nENG-1,1,∞,,1.5,2.5,7\nENG-2,1,NaN,x,1.6,2.6,6\n";
        var plan = FeatureSelection.ReadPlan(new DatasetReadOptions(), new DataOptions(), "rul", ["s2"], [TrainingWorkflowOrder]);

        var data = Read(text, plan);

        Assert.Equal(["unit", "cycle", "s2", "rul"], data.ColumnNames);
        Assert.True(data.IsText("unit"));
        Assert.Equal([1.5, 1.6], data.Column("s2"));
    }

    [Fact]
    public void The_default_feature_set_reads_every_column_but_the_excluded_ones()
    {
        var plan = FeatureSelection.ReadPlan(new DatasetReadOptions(), new DataOptions { ExcludeColumns = ["cycle", "junk"] }, "rul", null);

        var data = Read("unit,cycle,junk,s2\nENG-1,1,?,1.5\n", plan);

        Assert.Equal(["unit", "s2"], data.ColumnNames); // cycle and junk excluded; no target in this file is fine
    }

    [Fact]
    public void An_empty_cell_fails_when_its_column_is_used_not_when_the_file_is_read()
    {
        var data = Read("s2,s3\n1,2\n3,\n");

        Assert.Equal([1.0, 3], data.Column("s2"));
        var e = Assert.Throws<DataException>(() => data.Column("s3"));
        Assert.Equal("EmptyValue", e.ErrorId);
        Assert.Equal("fleet.csv line 3, column 's3': empty value; a number is required.", e.Message);
        // A window that keeps the bad row keeps the fault.
        Assert.Throws<DataException>(() => data.Take([1]).Column("s3"));
    }

    [Fact]
    public void A_text_column_asked_for_as_a_feature_is_an_error_naming_it()
    {
        var data = Read(Fleet);

        foreach (var (options, requested) in new[] { (new DataOptions(), (IReadOnlyList<string>?)["s2", "site"]), (new DataOptions { FeatureColumns = ["site"] }, null) })
        {
            var e = Assert.Throws<DataException>(() => FeatureSelection.Choose(options, "rul", requested, data));
            Assert.Equal("TextFeature", e.ErrorId);
            Assert.Equal("site", e.Column);
            Assert.Equal(2, e.Row);
            Assert.StartsWith("Feature column 'site' holds text: fleet.csv line 2, column 'site': 'north' is not a number.", e.Message);
        }
    }

    [Fact]
    public void The_default_feature_set_skips_text_columns_and_says_so()
    {
        var choice = FeatureSelection.Choose(new DataOptions(), "rul", null, Read(Fleet));

        Assert.Equal(["s2", "s3"], choice.Features); // unit is the group, cycle excluded, rul the target
        Assert.Equal(["site"], choice.SkippedTextColumns);
        Assert.Contains("'site'", choice.Note);
    }

    [Fact]
    public void Category_columns_keep_ids_as_written_and_all_number_ids_are_numbers()
    {
        var options = new DatasetReadOptions { LabelColumns = ["unit", "site"] };

        var text = Read("unit,site,s2\n007,1,1\n7,2,2\nA-17,3,3\n", options);
        Assert.Equal(["007", "7", "A-17"], text.Labels("unit").Labels); // exact ids; 007 and 7 are two units
        var numbers = Read("unit,site,s2\n1,1,1\n10,2,2\n2,3,3\n", options);
        Assert.False(numbers.IsText("unit"));
        Assert.Equal([1.0, 10, 2], numbers.Column("unit"));
        Assert.Equal(["1", "2", "10"], numbers.Labels("unit").Labels);
    }

    [Fact]
    public void Pipeline_objects_with_string_ids_become_text_columns()
    {
        var b = new RecordDatasetBuilder("in");
        b.Add([new("unit", "ENG-2"), new("s2", 1.5)]);
        b.Add([new("unit", "ENG-1"), new("s2", "2.5")]);

        var data = b.Build();

        Assert.Equal(["ENG-1", "ENG-2"], data.Labels("unit").Labels);
        Assert.Equal([1, 0], data.Labels("unit").Codes);
        Assert.Equal([1.5, 2.5], data.Column("s2"));
        var e = Assert.Throws<DataException>(() => data.Column("unit"));
        Assert.Equal("in: input object 1, column 'unit': 'ENG-2' is not a number.", e.Message);
    }

    [Fact]
    public void Units_named_ENG_n_split_and_train_exactly_as_the_numbers_n_do()
    {
        var numeric = Fd001.Units(30);
        var text = Read(AsFleetCsv(numeric), new DatasetReadOptions { LabelColumns = ["unit", "site"] });
        Assert.True(text.IsText("unit"));

        var (_, numericTest) = UnitSplit.Split(numeric, "unit", 0.2, 42);
        var (_, textTest) = UnitSplit.Split(text, "unit", 0.2, 42);
        Assert.Equal(numericTest, textTest);

        var features = FeatureSelection.Choose(new DataOptions(), "rul", null, text);
        Assert.Equal(["site"], features.SkippedTextColumns);
        Assert.Equal(Fd001.RawFeatures, features.Features);
        var a = ModelTrainer.Train(Fd001.Request(Fd001.Small(TrainerKind.FastTree), numeric));
        var b = ModelTrainer.Train(Fd001.Request(Fd001.Small(TrainerKind.FastTree), text));
        Assert.Equal(a.Manifest.TestUnits.Select(u => "ENG-" + u), b.Manifest.TestUnits);
        Assert.Equal(a.Manifest.Metrics["mae"], b.Manifest.Metrics["mae"], 12);
    }

    [Fact]
    public void Natural_order_compares_digit_runs_as_numbers()
    {
        var ids = new[] { "ENG-10", "ENG-2", "ENG-1", "B-1", "ENG-02" };
        Assert.Equal(["B-1", "ENG-1", "ENG-02", "ENG-2", "ENG-10"], ids.Order(NaturalOrder.Instance));
    }

    private const string TrainingWorkflowOrder = "cycle";

    /// <summary>The dataset as a fleet export: unit ids ENG-n, a site column, the rest as numbers.</summary>
    private static string AsFleetCsv(Dataset data)
    {
        var names = data.ColumnNames;
        var sb = new StringBuilder(string.Join(",", names.Take(2).Append("site").Concat(names.Skip(2)))).Append('\n');
        var unit = data.Column("unit");
        for (int r = 0; r < data.RowCount; r++)
        {
            sb.Append("ENG-").Append(unit[r].ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(data.Column("cycle")[r].ToString("R", CultureInfo.InvariantCulture)).Append(',')
              .Append(unit[r] % 2 == 0 ? "north" : "south");
            foreach (var name in names.Skip(2))
                sb.Append(',').Append(data.Column(name)[r].ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
