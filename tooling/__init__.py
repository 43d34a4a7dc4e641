"""საიტის ხელსაწყოები (the site's tooling): ის, რასაც hooks/, scripts/ და ტესტები ერთად იყენებენ.

Not part of the micrograd package: installed for development only (`make install`).
"""
