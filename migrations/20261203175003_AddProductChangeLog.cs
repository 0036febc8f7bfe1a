using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.Migrations;

/// <summary>
/// Records every insert, update and delete of <c>producto</c>, by any program, in the change log
/// <c>producto_cambio</c>, in the same transaction as the change. On PostgreSQL each entry carries its
/// transaction id, so readers can tell commit order from snapshots, and each statement sends
/// <c>NOTIFY producto_cambio</c> to wake them.
/// </summary>
public partial class AddProductChangeLog : Migration
{
    private const string PostgreSqlUp = """
        CREATE TABLE IF NOT EXISTS producto_cambio (
            secuencia bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            transaccion xid8 NOT NULL DEFAULT pg_current_xact_id(),
            operacion char(1) NOT NULL CHECK (operacion IN ('I', 'U', 'D')),
            "idProducto" integer NOT NULL,
            fila jsonb NOT NULL,
            registrado timestamptz NOT NULL DEFAULT clock_timestamp()
        );
        CREATE INDEX IF NOT EXISTS producto_cambio_transaccion ON producto_cambio (transaccion);
        CREATE INDEX IF NOT EXISTS producto_cambio_registrado ON producto_cambio (registrado);

        CREATE OR REPLACE FUNCTION producto_registrar_cambio() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                INSERT INTO producto_cambio (operacion, "idProducto", fila)
                VALUES ('D', OLD."idProducto", to_jsonb(OLD));
            ELSE
                INSERT INTO producto_cambio (operacion, "idProducto", fila)
                VALUES (left(TG_OP, 1), NEW."idProducto", to_jsonb(NEW));
            END IF;
            RETURN NULL;
        END;
        $$;

        CREATE OR REPLACE FUNCTION producto_registrar_vaciado() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO producto_cambio (operacion, "idProducto", fila)
            SELECT 'D', p."idProducto", to_jsonb(p) FROM producto p ORDER BY p."idProducto";
            RETURN NULL;
        END;
        $$;

        CREATE OR REPLACE FUNCTION producto_avisar_cambio() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('producto_cambio', '');
            RETURN NULL;
        END;
        $$;

        DROP TRIGGER IF EXISTS producto_cambio_alta_baja ON producto;
        CREATE TRIGGER producto_cambio_alta_baja AFTER INSERT OR DELETE ON producto
            FOR EACH ROW EXECUTE FUNCTION producto_registrar_cambio();

        DROP TRIGGER IF EXISTS producto_cambio_modificacion ON producto;
        CREATE TRIGGER producto_cambio_modificacion AFTER UPDATE ON producto
            FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION producto_registrar_cambio();

        DROP TRIGGER IF EXISTS producto_cambio_vaciado ON producto;
        CREATE TRIGGER producto_cambio_vaciado BEFORE TRUNCATE ON producto
            FOR EACH STATEMENT EXECUTE FUNCTION producto_registrar_vaciado();

        DROP TRIGGER IF EXISTS producto_cambio_aviso ON producto;
        CREATE TRIGGER producto_cambio_aviso AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON producto
            FOR EACH STATEMENT EXECUTE FUNCTION producto_avisar_cambio();
        """;

    private const string PostgreSqlDown = """
        DROP TRIGGER IF EXISTS producto_cambio_aviso ON producto;
        DROP TRIGGER IF EXISTS producto_cambio_vaciado ON producto;
        DROP TRIGGER IF EXISTS producto_cambio_modificacion ON producto;
        DROP TRIGGER IF EXISTS producto_cambio_alta_baja ON producto;
        DROP FUNCTION IF EXISTS producto_avisar_cambio();
        DROP FUNCTION IF EXISTS producto_registrar_vaciado();
        DROP FUNCTION IF EXISTS producto_registrar_cambio();
        DROP TABLE IF EXISTS producto_cambio;
        """;

    // SQLite has no JSON of a whole row, so the triggers name the columns; no TRUNCATE either.
    private const string SqliteRow = """
        json_object('idProducto', {0}."idProducto", 'nombreProducto', {0}."nombreProducto",
            'descripcion', {0}.descripcion, 'precio', {0}.precio, 'stock', {0}.stock, 'imagenURL', {0}."imagenURL",
            'emprendedorIdEmprendedor', {0}."emprendedorIdEmprendedor",
            'categoriaIdCategoria', {0}."categoriaIdCategoria")
        """;

    private const string SqliteUp = """
        CREATE TABLE IF NOT EXISTS producto_cambio (
            secuencia INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            operacion TEXT NOT NULL CHECK (operacion IN ('I', 'U', 'D')),
            "idProducto" INTEGER NOT NULL,
            fila TEXT NOT NULL,
            registrado TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX IF NOT EXISTS producto_cambio_registrado ON producto_cambio (registrado);

        DROP TRIGGER IF EXISTS producto_cambio_alta;
        CREATE TRIGGER producto_cambio_alta AFTER INSERT ON producto BEGIN
            INSERT INTO producto_cambio (operacion, "idProducto", fila) VALUES ('I', NEW."idProducto", {0});
        END;

        DROP TRIGGER IF EXISTS producto_cambio_modificacion;
        CREATE TRIGGER producto_cambio_modificacion AFTER UPDATE ON producto
        WHEN OLD."idProducto" IS NOT NEW."idProducto" OR OLD."nombreProducto" IS NOT NEW."nombreProducto"
            OR OLD.descripcion IS NOT NEW.descripcion OR OLD.precio IS NOT NEW.precio OR OLD.stock IS NOT NEW.stock
            OR OLD."imagenURL" IS NOT NEW."imagenURL"
            OR OLD."emprendedorIdEmprendedor" IS NOT NEW."emprendedorIdEmprendedor"
            OR OLD."categoriaIdCategoria" IS NOT NEW."categoriaIdCategoria"
        BEGIN
            INSERT INTO producto_cambio (operacion, "idProducto", fila) VALUES ('U', NEW."idProducto", {0});
        END;

        DROP TRIGGER IF EXISTS producto_cambio_baja;
        CREATE TRIGGER producto_cambio_baja AFTER DELETE ON producto BEGIN
            INSERT INTO producto_cambio (operacion, "idProducto", fila) VALUES ('D', OLD."idProducto", {1});
        END;
        """;

    private const string SqliteDown = """
        DROP TRIGGER IF EXISTS producto_cambio_baja;
        DROP TRIGGER IF EXISTS producto_cambio_modificacion;
        DROP TRIGGER IF EXISTS producto_cambio_alta;
        DROP TABLE IF EXISTS producto_cambio;
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql(PostgreSqlUp);
            return;
        }

        var newRow = SqliteRow.Replace("{0}", "NEW", StringComparison.Ordinal);
        var oldRow = SqliteRow.Replace("{0}", "OLD", StringComparison.Ordinal);
        migrationBuilder.Sql(SqliteUp
            .Replace("{0}", newRow, StringComparison.Ordinal)
            .Replace("{1}", oldRow, StringComparison.Ordinal));
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Unlike the product table, the change log belongs to this server alone: reverting removes it.
        migrationBuilder.Sql(migrationBuilder.IsNpgsql() ? PostgreSqlDown : SqliteDown);
    }
}
