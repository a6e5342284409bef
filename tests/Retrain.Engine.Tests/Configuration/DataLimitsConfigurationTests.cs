using Retrain.Engine.Configuration;
using Xunit;

namespace Retrain.Engine.Tests.Configuration;

/// <summary>data.max_rows and data.max_bytes: defaults, values past int's range, and values that are refused naming the key.</summary>
public class DataLimitsConfigurationTests
{
    [Fact]
    public void Defaults_are_five_million_rows_and_two_gibibytes()
    {
        var data = ConfigurationLoader.Defaults().Data;
        Assert.Equal(5_000_000, data.MaxRows);
        Assert.Equal(2_147_483_648L, data.MaxBytes);
    }

    [Fact]
    public void Max_bytes_takes_whole_numbers_beyond_32_bits()
    {
        var o = ConfigurationLoader.Parse("data:\n  max_rows: 20000000\n  max_bytes: 10737418240\n", ConfigAssert.Source);
        Assert.Equal(20_000_000, o.Data.MaxRows);
        Assert.Equal(10_737_418_240L, o.Data.MaxBytes);
    }

    [Theory]
    [InlineData("max_rows: 0", "data.max_rows", "ConfigOutOfRange")]
    [InlineData("max_bytes: -1", "data.max_bytes", "ConfigOutOfRange")]
    [InlineData("max_bytes: 2GB", "data.max_bytes", "ConfigWrongType")]
    [InlineData("max_bytes: 1.5", "data.max_bytes", "ConfigWrongType")]
    [InlineData("max_rows: 3000000000", "data.max_rows", "ConfigWrongType")]
    public void Bad_values_name_the_key_and_line(string line, string key, string errorId)
    {
        var e = ConfigAssert.Fails($"data:\n  {line}\n", key, 2, errorId);
        Assert.Contains(key, e.Message);
    }
}
