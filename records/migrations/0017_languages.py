"""The record's languages (records/translation.py): a column per language for each
translated field, on the records and their history tables, and the English
column filled from the original, which stays the English value the site reads.
"""

from django.db import migrations, models
from django.db.models import F

# {model: translated fields}, as records/translation.py registers them; "historical" models too.
TRANSLATED = {
    "organization": ("name", "short_name", "headquarters", "summary", "description"),
    "memberstate": ("name", "official_name", "capital", "summary", "description"),
    "official": ("name", "current_title", "summary", "description"),
    "summit": ("title", "city", "summary", "description"),
    "initiative": ("name", "location", "summary", "description"),
    "article": ("title", "summary", "body"),
    "topic": ("name", "description"),
    "appointment": ("title",),
}


def copy_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        names = [model_name] if model_name == "topic" else [model_name, f"historical{model_name}"]
        for name in names:
            model = apps.get_model("records", name)
            model._default_manager.update(**{f"{field}_en": F(field) for field in fields})



class Migration(migrations.Migration):

    dependencies = [
        ('records', '0016_about_page'),
    ]

    operations = [
        migrations.AddField(
            model_name='appointment',
            name='title_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='appointment',
            name='title_ru',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='appointment',
            name='title_zh_hans',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='body_en',
            field=models.TextField(blank=True, help_text='Our own account of the article; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='body_ru',
            field=models.TextField(blank=True, help_text='Our own account of the article; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='body_zh_hans',
            field=models.TextField(blank=True, help_text='Our own account of the article; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='title_en',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='title_ru',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='title_zh_hans',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='historicalappointment',
            name='title_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalappointment',
            name='title_ru',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalappointment',
            name='title_zh_hans',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='body_en',
            field=models.TextField(blank=True, help_text='Our own account of the article; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='body_ru',
            field=models.TextField(blank=True, help_text='Our own account of the article; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='body_zh_hans',
            field=models.TextField(blank=True, help_text='Our own account of the article; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='title_en',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='title_ru',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='title_zh_hans',
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='description_en',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='location_en',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='location_ru',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='location_zh_hans',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='name_en',
            field=models.CharField(max_length=250, null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='name_ru',
            field=models.CharField(max_length=250, null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='name_zh_hans',
            field=models.CharField(max_length=250, null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalinitiative',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='capital_en',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='capital_ru',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='capital_zh_hans',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='description_en',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='name_en',
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='name_ru',
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='name_zh_hans',
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='official_name_en',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='official_name_ru',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='official_name_zh_hans',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalmemberstate',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='current_title_en',
            field=models.CharField(blank=True, help_text='Leave empty if the official holds no office now.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='current_title_ru',
            field=models.CharField(blank=True, help_text='Leave empty if the official holds no office now.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='current_title_zh_hans',
            field=models.CharField(blank=True, help_text='Leave empty if the official holds no office now.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='description_en',
            field=models.TextField(blank=True, help_text='Biography; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Biography; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Biography; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='name_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='name_ru',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='name_zh_hans',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalofficial',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='description_en',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='headquarters_en',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='headquarters_ru',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='headquarters_zh_hans',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='name_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='name_ru',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='name_zh_hans',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='short_name_en',
            field=models.CharField(blank=True, help_text='Acronym, e.g. SCO, RATS, UN.', max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='short_name_ru',
            field=models.CharField(blank=True, help_text='Acronym, e.g. SCO, RATS, UN.', max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='short_name_zh_hans',
            field=models.CharField(blank=True, help_text='Acronym, e.g. SCO, RATS, UN.', max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalorganization',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='city_en',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='city_ru',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='city_zh_hans',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='description_en',
            field=models.TextField(blank=True, help_text='What was discussed and decided; basic HTML is kept.', null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='description_ru',
            field=models.TextField(blank=True, help_text='What was discussed and decided; basic HTML is kept.', null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='What was discussed and decided; basic HTML is kept.', null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='title_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='title_ru',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='historicalsummit',
            name='title_zh_hans',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='description_en',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='location_en',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='location_ru',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='location_zh_hans',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='name_en',
            field=models.CharField(max_length=250, null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='name_ru',
            field=models.CharField(max_length=250, null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='name_zh_hans',
            field=models.CharField(max_length=250, null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='initiative',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='capital_en',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='capital_ru',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='capital_zh_hans',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='description_en',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='name_en',
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='name_ru',
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='name_zh_hans',
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='official_name_en',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='official_name_ru',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='official_name_zh_hans',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='memberstate',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='current_title_en',
            field=models.CharField(blank=True, help_text='Leave empty if the official holds no office now.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='current_title_ru',
            field=models.CharField(blank=True, help_text='Leave empty if the official holds no office now.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='current_title_zh_hans',
            field=models.CharField(blank=True, help_text='Leave empty if the official holds no office now.', max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='description_en',
            field=models.TextField(blank=True, help_text='Biography; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Biography; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Biography; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='name_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='name_ru',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='name_zh_hans',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='official',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='description_en',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Longer description; basic HTML is kept, the rest removed.', null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='headquarters_en',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='headquarters_ru',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='headquarters_zh_hans',
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='name_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='name_ru',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='name_zh_hans',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='short_name_en',
            field=models.CharField(blank=True, help_text='Acronym, e.g. SCO, RATS, UN.', max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='short_name_ru',
            field=models.CharField(blank=True, help_text='Acronym, e.g. SCO, RATS, UN.', max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='short_name_zh_hans',
            field=models.CharField(blank=True, help_text='Acronym, e.g. SCO, RATS, UN.', max_length=40, null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='organization',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='city_en',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='city_ru',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='city_zh_hans',
            field=models.CharField(blank=True, max_length=100, null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='description_en',
            field=models.TextField(blank=True, help_text='What was discussed and decided; basic HTML is kept.', null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='description_ru',
            field=models.TextField(blank=True, help_text='What was discussed and decided; basic HTML is kept.', null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='What was discussed and decided; basic HTML is kept.', null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='summary_en',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='summary_ru',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='summary_zh_hans',
            field=models.TextField(blank=True, help_text='One plain-text paragraph, shown in lists, search results and previews.', null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='title_en',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='title_ru',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='summit',
            name='title_zh_hans',
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_en',
            field=models.TextField(blank=True, help_text='Plain text, one or two sentences.', null=True),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Plain text, one or two sentences.', null=True),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Plain text, one or two sentences.', null=True),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_en',
            field=models.CharField(max_length=100, null=True, unique=True),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_ru',
            field=models.CharField(max_length=100, null=True, unique=True),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_zh_hans',
            field=models.CharField(max_length=100, null=True, unique=True),
        ),
        migrations.RunPython(copy_english, migrations.RunPython.noop),
    ]
