"""neomodel (PyPI, an OGM on the official Neo4j Python driver) against Ignitabull's Bolt server.

usage: bolt_neomodel_check.py HOST:PORT

Defines the synthetic graph's models (Customer, Product, Category, Influencer with unique ids and the
relationships between them; neomodel reserves the attribute `id`, so each model's `uid` is stored as the
graph's `id` property with `db_property`), installs their constraints with `install_all_labels`, saves, connects and
queries them through neomodel's own API, and prints one line per check; exits 1 when any fails.
"""
import sys
from importlib.metadata import version

import neo4j
from neomodel import (
    FloatProperty,
    IntegerProperty,
    RelationshipFrom,
    RelationshipTo,
    StringProperty,
    StructuredNode,
    StructuredRel,
    UniqueProperty,
    db,
    get_config,
)

from peer_checks import check, expect, finish

address = sys.argv[1]


class Purchase(StructuredRel):
    quantity = IntegerProperty(default=1)
    timestamp = IntegerProperty()


class BelongsTo(StructuredRel):
    pass  # neomodel resolves traversed relationships only into a model class


class Category(StructuredNode):
    uid = StringProperty(unique_index=True, required=True, db_property="id")
    name = StringProperty()
    products = RelationshipFrom("Product", "BELONGS_TO", model=BelongsTo)


class Product(StructuredNode):
    uid = StringProperty(unique_index=True, required=True, db_property="id")
    name = StringProperty()
    price = FloatProperty()
    categories = RelationshipTo(Category, "BELONGS_TO", model=BelongsTo)
    promoted_by = RelationshipTo("Influencer", "PROMOTED_BY")
    buyers = RelationshipFrom("Customer", "PURCHASED", model=Purchase)


class Influencer(StructuredNode):
    uid = StringProperty(unique_index=True, required=True, db_property="id")
    name = StringProperty()
    followers = IntegerProperty()
    specializes_in = RelationshipTo(Category, "SPECIALIZES_IN")


class Customer(StructuredNode):
    uid = StringProperty(unique_index=True, required=True, db_property="id")
    country = StringProperty()
    age = IntegerProperty()
    purchased = RelationshipTo(Product, "PURCHASED", model=Purchase)
    follows = RelationshipTo(Influencer, "FOLLOWS")
    referred_by = RelationshipTo("Customer", "REFERRED_BY")


get_config().database_url = f"bolt://neo4j:any-password@{address}"
MODELS = [Customer, Product, Category, Influencer]


def install():
    db.install_all_labels()
    rows, _ = db.cypher_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes, properties, type")
    unique = {(r[0][0], r[1][0]) for r in rows if r[2] == "UNIQUENESS"}
    for m in MODELS:
        expect((m.__label__, "id") in unique, f"no uniqueness constraint for {m.__label__}.id in {rows}")
    db.install_all_labels()  # again: neomodel asks IF NOT EXISTS / tolerates existing constraints
    return f"{len(unique)} uniqueness constraints"


def save():
    cats = [Category(uid=f"K{i}", name=f"Category {i}").save() for i in range(3)]
    products = [Product(uid=f"P{i}", name=f"Product {i}", price=round(1.5 * (i + 1), 2)).save() for i in range(10)]
    influencers = [Influencer(uid=f"I{i}", name=f"Influencer {i}", followers=1000 * (i + 1)).save() for i in range(2)]
    customers = [Customer(uid=f"C{i}", country=["SE", "FR", "DE"][i % 3], age=20 + i).save() for i in range(6)]
    expect(all(x.element_id for x in cats + products + influencers + customers), "saved nodes have element ids")
    c0 = Customer.nodes.get(uid="C0")
    c0.age = 99
    c0.save()
    expect(Customer.nodes.get(uid="C0").age == 99, "update")
    try:
        Customer(uid="C1").save()
        raise AssertionError("a duplicate id was saved")
    except UniqueProperty as e:
        detail = str(e).splitlines()[0][:60]
    return f"{len(cats)} categories, {len(products)} products, {len(influencers)} influencers, {len(customers)} customers; duplicate: UniqueProperty ({detail})"


def connect():
    products = {p.uid: p for p in Product.nodes.all()}
    cats = {c.uid: c for c in Category.nodes.all()}
    for i, p in enumerate(sorted(products.values(), key=lambda p: p.uid)):
        p.categories.connect(cats[f"K{i % 3}"])
    i0, i1 = Influencer.nodes.get(uid="I0"), Influencer.nodes.get(uid="I1")
    products["P0"].promoted_by.connect(i0)
    i0.specializes_in.connect(cats["K0"])
    for n, c in enumerate(sorted(Customer.nodes.all(), key=lambda c: c.uid)):
        for k in range(n + 1):
            c.purchased.connect(products[f"P{(n + k) % 10}"], {"quantity": k + 1, "timestamp": 1700000000 + k})
        c.follows.connect(i0 if n % 2 == 0 else i1)
    Customer.nodes.get(uid="C5").referred_by.connect(Customer.nodes.get(uid="C0"))
    c3 = Customer.nodes.get(uid="C3")
    rel = c3.purchased.relationship(products["P3"])
    expect(isinstance(rel, Purchase) and rel.quantity == 1, f"relationship model {rel}")
    c3.purchased.disconnect(products["P6"])
    expect(len(c3.purchased.all()) == 3, "disconnect")
    return "BELONGS_TO, PROMOTED_BY, SPECIALIZES_IN, PURCHASED {quantity, timestamp}, FOLLOWS, REFERRED_BY"


def query():
    cheap = Product.nodes.filter(price__lt=6).order_by("-price").all()
    expect([p.uid for p in cheap] == ["P2", "P1", "P0"], [p.uid for p in cheap])
    expect(len(Customer.nodes.filter(country="SE")) == 2, "filter count")
    expect(Customer.nodes.get_or_none(uid="nobody") is None, "get_or_none")
    c5 = Customer.nodes.get(uid="C5")
    bought = sorted(p.uid for p in c5.purchased.all())
    expect(bought == sorted(f"P{(5 + k) % 10}" for k in range(6)), bought)
    big = c5.purchased.match(quantity__gte=5).all()
    expect(sorted(p.uid for p in big) == ["P0", "P9"], [p.uid for p in big])
    buyers_p0 = sorted(c.uid for c in Product.nodes.get(uid="P0").buyers.all())
    expect(buyers_p0 == ["C0", "C5"], buyers_p0)
    # A traversal filter across two hops: customers who bought a product in category K0.
    # (each row: the customer, the product, the purchase, the category and BELONGS_TO, as neomodel returns them)
    k0 = Customer.nodes.filter(purchased__categories__uid="K0").all()
    expect({row[0].uid for row in k0} == {"C0", "C2", "C3", "C4", "C5"}, sorted(row[0].uid for row in k0))
    expect(all(isinstance(row[2], Purchase) and isinstance(row[4], BelongsTo) for row in k0), "relationship models")
    followers = Influencer.nodes.get(uid="I0").followers
    expect(followers == 1000, followers)
    rows, cols = db.cypher_query(
        "MATCH (c:Customer)-[p:PURCHASED]->(x:Product)-[:BELONGS_TO]->(k:Category) "
        "RETURN c, k.id AS category, sum(p.quantity) AS n ORDER BY n DESC, c.id LIMIT 3",
        resolve_objects=True,
    )
    expect(isinstance(rows[0][0], Customer) and cols == ["c", "category", "n"], (rows, cols))
    created = Customer.nodes.bulk_create_or_update(
        {"uid": "C9", "country": "NO", "age": 40}, {"uid": "C0", "country": "SE", "age": 98}
    )
    expect(len(created) == 2 and Customer.nodes.get(uid="C0").age == 98 and len(Customer.nodes.all()) == 7, "bulk_create_or_update")
    Customer.nodes.get(uid="C9").delete()
    expect(Customer.nodes.get_or_none(uid="C9") is None, "delete")
    return "filters, order_by, relationship match, two-hop traversal, cypher_query(resolve_objects), bulk_create_or_update, delete"


def transaction():
    try:
        with db.transaction:
            Category(uid="K8", name="rolled back").save()
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    expect(Category.nodes.get_or_none(uid="K8") is None, "rolled back")
    with db.transaction:
        Category(uid="K7", name="kept").save()
    expect(Category.nodes.get(uid="K7").name == "kept", "committed")
    return "rollback on exception, commit"


print(f"neomodel {version('neomodel')} on driver {neo4j.__version__} against {address}")
db.cypher_query("MATCH (n) WHERE n:Customer OR n:Product OR n:Category OR n:Influencer DETACH DELETE n")
check("install_all_labels: uniqueness constraints", install)
check("save nodes (and a duplicate id refused)", save)
check("connect relationships", connect)
check("query through the OGM", query)
check("transactions", transaction)
db.close_connection()
finish()
