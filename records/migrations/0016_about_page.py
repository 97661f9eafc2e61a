"""The site's own pages: the model, its permissions for Publishers, and the
About and methodology page in its first words (publishers edit it in the admin)."""

from django.db import migrations, models

ABOUT_TITLE = "About SCO Records"
ABOUT_BODY = """\
<p>SCO Records is a public, structured record of the Shanghai Cooperation Organization: its member states,
observers, dialogue partners and SCO partners, its summits and council meetings, the officials who take part,
the initiatives it launches, and the news articles that report on them. Each record links to the records it
concerns, so a summit leads to the states and people who attended and to the articles that covered it.</p>
<h2>Where the facts come from</h2>
<p>Every fact on a record comes from a source: a document or statement of the organization or its members, or a
news report. Each record page lists its sources at the end, with links to the originals. For news articles we
write a short summary in our own words and link to the original text; we do not republish it.</p>
<h2>How dates are given</h2>
<p>Dates are as precise as the sources: to the day (“4 July 2024”), to the month (“July 2024”) or only to the
year (“2019”). A date known only to the year is never shown as 1 January. A change of membership counts from the
day it took effect, which can be later than the summit that decided it; the membership chart and the “as of”
filter follow that rule.</p>
<h2>How a record is checked</h2>
<p>Editors write records as drafts and submit them for review; a publisher checks them against their sources
before they go live. A change to a published record is reviewed in the same way before the public sees it, and
the site never shows a draft, a record in review or one scheduled for later.</p>
<h2>Reusing the record</h2>
<p>Every published record is open data: each list downloads as CSV or JSON, and the whole record is on the
<a href="/data/">open data page</a>, with the licence under which you may reuse it.</p>
<h2>Corrections</h2>
<p>If you find an error, tell us: write to the address below, name the record and the fact, and give a source for
the correction if you can. We check each report against the sources and correct the record when it is wrong.</p>
"""


def create_about_page(apps, schema_editor):
    from records.roles import sync_roles

    sync_roles(apps)
    Page = apps.get_model("records", "Page")
    Page.objects.get_or_create(slug="about", defaults={"title": ABOUT_TITLE, "body": ABOUT_BODY})


def delete_about_page(apps, schema_editor):
    apps.get_model("records", "Page").objects.filter(slug="about").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('records', '0015_list_sort_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='Page',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('title', models.CharField(max_length=200)),
                ('body', models.TextField(blank=True, help_text="Paragraphs, headings, lists, links and quotations. The page's title is its heading.")),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name_plural': 'pages',
                'ordering': ['title'],
            },
        ),
        migrations.RunPython(create_about_page, delete_about_page),
    ]
