"""The registered spaCy components of the policykg pipeline, one module each.

`extraction.pipeline` imports the modules, which registers every `policykg_<name>` factory.
"""
