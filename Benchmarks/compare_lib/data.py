"""The graph data sets, written once as two sets of CSV files that every system loads:
neo4j-admin files (nodes_Customer.csv, nodes_Product.csv, rels_PURCHASED.csv, rels_FREQUENTLY_BOUGHT_WITH.csv)
for `ignitabull import`, and plain tables under plain/ (customers, products, purchased, fbw) for the peers.

Sets: `synthetic-N` (`ignitabull generate --purchases N`, customers N/20, products N/50 capped at the generator's
limits) and `online-retail` (the bundled UCI Online Retail CSV: a PURCHASED relationship per invoice line with
a customer, positive quantity and price, not a cancellation; no FREQUENTLY_BOUGHT_WITH relationships).
"""
import calendar
import csv
import gzip
import os
import random
import subprocess
import time

FILES = ("nodes_Customer.csv", "nodes_Product.csv", "rels_PURCHASED.csv", "rels_FREQUENTLY_BOUGHT_WITH.csv")


def prepare(name, work, binary, shared):
    """Writes the set's files under work/name (once) and returns that directory."""
    out = os.path.join(work, name)
    if os.path.exists(os.path.join(out, "plain", "done")):
        return out
    os.makedirs(out, exist_ok=True)
    if name.startswith("synthetic-"):
        purchases = int(name.split("-")[1])
        customers = min(1_000_000, max(100, purchases // 20))
        products = min(1_000_000, max(50, purchases // 50))
        gen = os.path.join(out, "generated")
        os.makedirs(gen, exist_ok=True)
        subprocess.run([binary, "generate", "--in-memory", "--csv", gen, "--sample", "0",
                        "--customers", str(customers), "--products", str(products), "--purchases", str(purchases)],
                       check=True, stdout=subprocess.DEVNULL)
        for f in FILES:
            os.replace(os.path.join(gen, f), os.path.join(out, f))
        for f in os.listdir(gen):
            os.remove(os.path.join(gen, f))
        os.rmdir(gen)
    elif name == "online-retail":
        write_online_retail(os.path.join(shared, "online-retail/online_retail.csv.gz"), out)
    else:
        raise SystemExit(f"unknown graph set {name}")
    write_plain(out)
    return out


def online_retail_lines(path):
    """The purchase lines of the UCI Online Retail CSV the engine's importer keeps (a customer, positive
    quantity and price, not a cancellation or adjustment): (customer, stock code, quantity, Unix time read as
    UTC), in file order."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for inv, code, _d, qty, date, price, cust, _c in reader:
            if inv.startswith(("C", "A")) or not cust or int(qty) <= 0 or float(price) <= 0:
                continue
            yield cust, code, int(qty), calendar.timegm(time.strptime(date, "%Y-%m-%d %H:%M:%S"))


def write_online_retail(path, out):
    customers, products, lines = {}, {}, []
    for cust, code, qty, t in online_retail_lines(path):
        customers.setdefault(cust, len(customers))
        products.setdefault(code, len(products))
        lines.append((cust, code, qty, t))
    offset = len(customers)
    with open(os.path.join(out, "nodes_Customer.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([":ID", ":LABEL", "id:string"])
        w.writerows([n, "Customer", c] for c, n in customers.items())
    with open(os.path.join(out, "nodes_Product.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([":ID", ":LABEL", "id:string"])
        w.writerows([offset + n, "Product", p] for p, n in products.items())
    with open(os.path.join(out, "rels_PURCHASED.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([":START_ID", ":END_ID", ":TYPE", "quantity:long", "timestamp:long"])
        w.writerows([customers[c], offset + products[p], "PURCHASED", q, t] for c, p, q, t in lines)
    with open(os.path.join(out, "rels_FREQUENTLY_BOUGHT_WITH.csv"), "w", newline="") as f:
        csv.writer(f).writerow([":START_ID", ":END_ID", ":TYPE", "support:double"])


def write_plain(out):
    """Plain tables keyed by the `id` strings: customers.csv, products.csv, purchased.csv (customer, product,
    quantity, timestamp), fbw.csv (product, product, support); no headers."""
    plain = os.path.join(out, "plain")
    os.makedirs(plain, exist_ok=True)
    key = {}
    for label in ("Customer", "Product"):
        with open(os.path.join(out, f"nodes_{label}.csv")) as f, \
                open(os.path.join(plain, f"{label.lower()}s.csv"), "w") as o:
            reader = csv.reader(f)
            col = next(reader).index("id:string")
            for row in reader:
                key[row[0]] = row[col]
                o.write(row[col] + "\n")
    for name, src in (("purchased", "rels_PURCHASED.csv"), ("fbw", "rels_FREQUENTLY_BOUGHT_WITH.csv")):
        with open(os.path.join(out, src)) as f, open(os.path.join(plain, f"{name}.csv"), "w") as o:
            reader = csv.reader(f)
            next(reader)
            for row in reader:
                o.write(",".join([key[row[0]], key[row[1]]] + row[3:]) + "\n")
    open(os.path.join(plain, "done"), "w").close()


def counts(out):
    plain = os.path.join(out, "plain")
    return {n: sum(1 for _ in open(os.path.join(plain, f"{n}.csv"))) for n in ("customers", "products", "purchased", "fbw")}


def sample_params(out, n, seed=2024):
    """Fixed-seed samples: customers that bought something, products with FREQUENTLY_BOUGHT_WITH pairs."""
    plain = os.path.join(out, "plain")
    buyers, fbw_products = set(), set()
    with open(os.path.join(plain, "purchased.csv")) as f:
        for line in f:
            buyers.add(line.split(",", 1)[0])
    with open(os.path.join(plain, "fbw.csv")) as f:
        for line in f:
            fbw_products.add(line.split(",", 1)[0])
    rng = random.Random(seed)
    pick = lambda s: rng.sample(sorted(s), min(n, len(s)))  # noqa: E731
    return {"customers": pick(buyers), "products": pick(fbw_products)}


def read_plain(out, table):
    """Rows of a plain table as lists of strings."""
    with open(os.path.join(out, "plain", f"{table}.csv")) as f:
        return [line.rstrip("\n").split(",") for line in f]
