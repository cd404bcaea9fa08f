"""The review site: static pages under `<out>/site/` where editors read each article with its claims and
validation results beside its sentences (see docs/site.md)."""

from calckg.site.stage import SITE_DIR, SiteInput, site_outputs, write_site

__all__ = ["SITE_DIR", "SiteInput", "site_outputs", "write_site"]
