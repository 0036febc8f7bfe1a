using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Data.Products;

/// <summary>
/// Maps <see cref="Product"/> onto the legacy table and column names, which other programs still use.
/// </summary>
internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("producto");

        builder.HasKey(product => product.Id);
        builder.Property(product => product.Id).HasColumnName("idProducto").ValueGeneratedOnAdd();
        builder.Property(product => product.Name).HasColumnName("nombreProducto").IsRequired();
        builder.Property(product => product.Description).HasColumnName("descripcion");
        builder.Property(product => product.Price).HasColumnName("precio");
        builder.Property(product => product.Stock).HasColumnName("stock");
        builder.Property(product => product.ImageUrl).HasColumnName("imagenURL");
        builder.Property(product => product.SellerId).HasColumnName("emprendedorIdEmprendedor");
        builder.Property(product => product.CategoryId).HasColumnName("categoriaIdCategoria");
    }
}
